import { ProjectionNotAvailableError, ReadModelDatabase } from '../libs/read-models/src/read-model-database';
import { PERSON_INDEX } from '../libs/identity/src/projections';
import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS, type TestUser } from './support/tokens';

const MARAC_ONLY: TestUser = { sub: 'marac-names', roles: ['coordinator'], panels: ['MARAC'] };

interface Item {
  caseId: string;
  personId: string;
  displayName: string;
}

/**
 * A repeat victim is often referred under another name (a short name, a new married name) and
 * matched to the person already known. The tracker must show each case under the name its own
 * referral gave, and find her by any name the panel's referrals recorded, but never show or
 * search a name another panel recorded. Synthetic people only.
 */
describe('the MARAC tracker and agenda: names a repeat victim was referred under', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS, marac: MARAC_ONLY });
  const refer = async (token: string, body: unknown) => {
    const made = await client.post('/v1/referrals', token, body);
    expect({ status: made.status, errors: made.body.errors }).toEqual({ status: 201, errors: undefined });
    return made.body as { caseId: string; personId: string };
  };
  const victim = (forenames: string, surname: string, referredAt: string) =>
    maracReferral(
      {
        referredAt,
        person: person({ forenames, surname, dateOfBirth: '1985-07-09', postcode: 'N15 4QT' }),
      },
      { perpetrator: undefined, incidentAt: `${referredAt.slice(0, 10)}T01:00:00Z` },
    );
  const tracker = async (query: string) =>
    (await client.get(`/v1/panels/MARAC/cohort?${query}`, tokens.marac).expect(200)).body.items as Item[];
  const names = (items: Item[]) => items.map((item) => item.displayName);
  const today = new Date().toISOString().slice(0, 10);

  let first: { caseId: string; personId: string };
  let becky: { caseId: string; personId: string };
  let married: { caseId: string; personId: string };
  let nominal: { caseId: string; personId: string };

  beforeAll(async () => {
    first = await refer(tokens.marac, victim('Rebecca', 'Hollis', '2024-05-02T09:00:00Z'));
    becky = await refer(tokens.marac, victim('Becky', 'Hollis', '2024-06-03T09:00:00Z'));
    married = await refer(tokens.marac, victim('Rebecca', 'Hollis-Grant', '2024-07-01T09:00:00Z'));
    expect([becky.personId, married.personId]).toEqual([first.personId, first.personId]);

    // Known to probation as Daniel; referred to MARAC as Danny, the same man by his PNC.
    const pnc = syntheticPnc(8812);
    const daniel = { forenames: 'Daniel', surname: 'Okoroafor', dateOfBirth: '1990-02-14', sex: 'male' };
    nominal = await refer(tokens.all, iomReferral({}, { person: person({ ...daniel, identifiers: { pnc } }) }));
    const danny = await refer(
      tokens.marac,
      maracReferral(
        { person: person({ ...daniel, forenames: 'Danny', identifiers: { pnc } }) },
        { perpetrator: undefined },
      ),
    );
    expect(danny.personId).toBe(nominal.personId);
  });

  it('shows each case under the name its own referral gave, live and as of a day', async () => {
    const hers = (items: Item[]) => names(items.filter((item) => item.personId === first.personId));
    expect(hers(await tracker(''))).toEqual(['Rebecca Hollis', 'Becky Hollis', 'Rebecca Hollis-Grant']);
    expect(hers(await tracker(`asOf=${today}`))).toEqual(['Rebecca Hollis', 'Becky Hollis', 'Rebecca Hollis-Grant']);
  });

  it('finds her by any name a MARAC referral used, live and as of a day', async () => {
    const cases = [first.caseId, becky.caseId, married.caseId];
    for (const q of ['becky', 'Hollis-Grant', 'becky hollis', 'rebecca']) {
      expect((await tracker(`q=${encodeURIComponent(q)}`)).map((item) => item.caseId)).toEqual(cases);
      expect((await tracker(`q=${encodeURIComponent(q)}&asOf=${today}`)).map((item) => item.caseId)).toEqual(cases);
    }
    expect(await tracker('q=becky%20grant')).toEqual([]);
  });

  it('neither shows nor finds the name another panel recorded for the person', async () => {
    expect(names(await tracker('q=danny'))).toEqual(['Danny Okoroafor']);
    expect(await tracker('q=daniel')).toEqual([]);
    expect(await tracker(`q=daniel&asOf=${today}`)).toEqual([]);
  });

  it('neither shows nor finds the name another panel recorded while the person index cannot answer', async () => {
    const readModels = api.app.get(ReadModelDatabase);
    const tables = readModels.tables.bind(readModels);
    const building = jest.spyOn(readModels, 'tables').mockImplementation((projection) => {
      if (projection === PERSON_INDEX) throw new ProjectionNotAvailableError(PERSON_INDEX);
      return tables(projection);
    });
    try {
      const page = (await client.get('/v1/panels/MARAC/cohort?q=daniel', tokens.marac).expect(200)).body;
      expect(page.items).toEqual([]);
      expect(page.namesPending).toBeGreaterThan(0);
      const listed = (await tracker('')).find(
        (item) => item.caseId !== nominal.caseId && item.personId === nominal.personId,
      );
      expect(listed?.displayName).toBeNull();
    } finally {
      building.mockRestore();
    }
    expect(names(await tracker('q=danny'))).toEqual(['Danny Okoroafor']);
  });

  it("gives the agenda item the name the case's referral gave", async () => {
    const meeting = await client.post('/v1/meetings', tokens.marac, {
      panel: 'MARAC',
      scheduledFor: '2024-07-09T10:00:00Z',
      chair: 'DS Mira Cole',
    });
    expect(meeting.status).toBe(201);
    const meetingId = meeting.body.meetingId as string;
    for (const caseId of [first.caseId, becky.caseId]) {
      const listed = await client.post(`/v1/meetings/${meetingId}/cases`, tokens.marac, {
        caseId,
        agencyRequests: [{ agency: 'IDVA service', toBring: 'safety plan' }],
      });
      expect(listed.status).toBe(201);
    }
    const agenda = await client.get(`/v1/meetings/${meetingId}/agenda`, tokens.marac).expect(200);
    expect(names(agenda.body.items as Item[])).toEqual(['Rebecca Hollis', 'Becky Hollis']);
  });
});
