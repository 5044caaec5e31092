import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { splitRecordedBefore } from './support/split-recorded-before';
import { COORDINATOR_ALL_PANELS, type TestUser } from './support/tokens';

const MARAC_ONLY: TestUser = { sub: 'marac-split-names', roles: ['coordinator'], panels: ['MARAC'] };

interface Item {
  caseId: string;
  personId: string;
  displayName: string | null;
}

/**
 * A coordinator splitting a victim's repeat referrals picks one case and, by a slip, another
 * case's record: the person view lists both. A case parted from the record its referral brought
 * in was shown with no name (and so was the case left without its own) for as long as the split
 * stood, could not be found by name, and was counted as "pending, retry shortly". Synthetic people.
 */
describe('a split keeps each case with the record its referral brought in', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS, marac: MARAC_ONLY });

  const tracker = async (query = '', minPosition = 0) => {
    const answer = await client
      .get(`/v1/panels/MARAC/cohort?limit=500${query}`, tokens.marac)
      .set('X-Min-Position', String(Math.max(client.position, minPosition)))
      .expect(200);
    return answer.body as { items: Item[]; namesPending?: number };
  };
  const namesOf = (page: { items: Item[] }, caseIds: readonly string[]) =>
    caseIds.map((caseId) => page.items.find((item) => item.caseId === caseId)?.displayName);
  const agendaNames = async (caseIds: readonly string[]) => {
    const meeting = await client.post('/v1/meetings', tokens.marac, {
      panel: 'MARAC',
      scheduledFor: '2027-01-12T10:00:00Z',
      chair: 'DS Mira Cole',
    });
    expect(meeting.status).toBe(201);
    for (const caseId of caseIds) {
      const listed = await client.post(`/v1/meetings/${meeting.body.meetingId}/cases`, tokens.marac, {
        caseId,
        agencyRequests: [],
      });
      expect(listed.status).toBe(201);
    }
    const agenda = await client.get(`/v1/meetings/${meeting.body.meetingId}/agenda`, tokens.marac).expect(200);
    return namesOf(agenda.body as { items: Item[] }, caseIds);
  };

  /** One victim referred to MARAC three times, each referral matched to her: one person. */
  const threeReferrals = async (forenames: string, surname: string) => {
    const her = person({ forenames, surname, dateOfBirth: '1987-03-03', postcode: 'E8 3QT' });
    const cases = [];
    for (const referredAt of ['2024-05-02T09:00:00Z', '2024-06-02T09:00:00Z', '2024-07-02T09:00:00Z'])
      cases.push(
        await client.refer(tokens.marac, maracReferral({ person: her, referredAt }, { perpetrator: undefined })),
      );
    const p = cases[0]?.personId as string;
    expect(cases.map((c) => c.personId)).toEqual([p, p, p]);
    const view = await client.personView<{ records: { recordId: string; caseId?: string }[] }>(tokens.marac, p);
    const recordOf = (caseId: string) => view.records.find((r) => r.caseId === caseId)?.recordId as string;
    const caseIds = cases.map((c) => c.caseId);
    return { p, caseIds, recordIds: caseIds.map(recordOf) };
  };

  it("refuses a case without its referral's record (or that record without its case), naming both, and moves the two together", async () => {
    const { p, caseIds, recordIds } = await threeReferrals('Tegen', 'Quiller');
    const [, c2, c3] = caseIds as [string, string, string];
    const [, r2, r3] = recordIds as [string, string, string];

    const slip = await client.post(`/v1/people/${p}/split`, tokens.marac, {
      reason: 'the second referral was her sister',
      recordIds: [r3],
      caseIds: [c2],
    });
    expect(slip.status).toBe(400);
    expect(slip.body.rule).toBe('case-with-its-record');
    expect(slip.body.errors).toEqual([
      expect.objectContaining({
        field: 'recordIds',
        rule: 'case-with-its-record',
        message: expect.stringContaining(r2),
      }),
      expect.objectContaining({ field: 'caseIds', rule: 'case-with-its-record', message: expect.stringContaining(c3) }),
    ]);
    const unchanged = await client.personView<{ cases: unknown[]; records: unknown[] }>(tokens.marac, p);
    expect([unchanged.cases.length, unchanged.records.length]).toEqual([3, 3]);

    const split = await client.post(`/v1/people/${p}/split`, tokens.marac, {
      reason: 'the second referral was her sister',
      recordIds: [r2],
      caseIds: [c2],
    });
    expect(split.status).toBe(200);
    const page = await tracker();
    expect(namesOf(page, caseIds)).toEqual(['Tegen Quiller', 'Tegen Quiller', 'Tegen Quiller']);
    expect(page.items.find((item) => item.caseId === c2)?.personId).toBe(split.body.intoPersonId);
    expect(page.namesPending).toBeUndefined();
  });

  describe('a log that holds such a split already (recorded before the rule)', () => {
    it('names the moved case and the case left without its record by their own referrals, finds them by name, and counts neither as pending', async () => {
      const { p, caseIds, recordIds } = await threeReferrals('Morwenna', 'Quillerby');
      const [c1, c2, c3] = caseIds as [string, string, string];
      // Case 2 moved with case 3's record: the slip the rule now refuses.
      const { position } = await splitRecordedBefore(api, p, { recordIds: [recordIds[2] as string], caseIds: [c2] });

      const page = await tracker('', position);
      expect(page.items.find((item) => item.caseId === c2)?.personId).not.toBe(p);
      expect(page.items.find((item) => item.caseId === c3)?.personId).toBe(p);
      expect(namesOf(page, caseIds)).toEqual(['Morwenna Quillerby', 'Morwenna Quillerby', 'Morwenna Quillerby']);
      expect(page.namesPending).toBeUndefined();
      const found = await tracker('&q=quillerby');
      expect(found.items.map((item) => item.caseId)).toEqual([c1, c2, c3]);
      expect(found.namesPending).toBeUndefined();
      expect(await agendaNames(caseIds)).toEqual(['Morwenna Quillerby', 'Morwenna Quillerby', 'Morwenna Quillerby']);
    });

    it('never falls back to a name another panel recorded: the MARAC case keeps the name its MARAC referral gave', async () => {
      // Known to probation as Daniel; referred to MARAC as Danny, the same man by his PNC.
      const pnc = syntheticPnc(8861);
      const daniel = { forenames: 'Daniel', surname: 'Okonjo', dateOfBirth: '1990-02-14', sex: 'male' };
      const iom = await client.refer(
        tokens.all,
        iomReferral({}, { person: person({ ...daniel, identifiers: { pnc } }) }),
      );
      const danny = await client.refer(
        tokens.all,
        maracReferral(
          { person: person({ ...daniel, forenames: 'Danny', identifiers: { pnc } }) },
          { perpetrator: undefined },
        ),
      );
      expect(danny.personId).toBe(iom.personId);
      const view = await client.personView<{ records: { recordId: string; caseId?: string }[] }>(
        tokens.all,
        iom.personId,
      );
      const recordOf = (caseId: string) => view.records.find((r) => r.caseId === caseId)?.recordId as string;
      // The IOM registration went with the MARAC case; the MARAC referral's record stayed (crossed).
      const { position } = await splitRecordedBefore(api, iom.personId, {
        recordIds: [recordOf(iom.caseId)],
        caseIds: [danny.caseId],
      });

      const page = await tracker('', position);
      expect(namesOf(page, [danny.caseId])).toEqual(['Danny Okonjo']);
      expect(page.namesPending).toBeUndefined();
      expect((await tracker('&q=danny')).items.map((item) => item.caseId)).toEqual([danny.caseId]);
      expect((await tracker('&q=daniel')).items).toEqual([]);
    });
  });
});
