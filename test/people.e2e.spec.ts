import type { Response } from 'supertest';
import { rejectedByIom } from './support/iom-cases';
import { iomReferral, maracReferral } from './support/referrals';
import { hollingsworth, peopleClient, syntheticPnc } from './support/people';
import { startTestApi, type TestApi } from './support/test-api';
import { COORDINATOR_ALL_PANELS, tokenFor } from './support/tokens';

/** The link names the model that scored it: it says nothing about where anyone lives. */
const BUILT_IN_MODEL = { id: 'uk-synthetic-referrals', version: 1 };

interface Review {
  id: string;
  personIds: [string, string];
  score: number;
  levels: Record<string, string>;
}

describe('people across panels', () => {
  let api: TestApi;
  let client: ReturnType<typeof peopleClient>;
  let all: string;
  let iomOnly: string;
  let allianceOnly: string;
  let analyst: string;
  beforeAll(async () => {
    api = await startTestApi();
    client = peopleClient(api);
    all = await tokenFor(COORDINATOR_ALL_PANELS);
    iomOnly = await tokenFor({ sub: 'iom-1', roles: ['coordinator'], panels: ['IOM'] });
    allianceOnly = await tokenFor({ sub: 'alliance-1', roles: ['practitioner'], panels: ['ALLIANCE'] });
    analyst = await tokenFor({ sub: 'analyst-1', roles: ['analyst'], panels: ['IOM', 'MARAC'] });
  });
  afterAll(async () => {
    await api.close();
  });

  const iom = (person: Record<string, unknown>) => client.post('/v1/referrals', all, iomReferral({}, { person }));
  const marac = (person: Record<string, unknown>) =>
    client.post('/v1/referrals', all, maracReferral({ person }, { perpetrator: undefined }));
  const expectStatus = async (call: Promise<Response>, status: number) => {
    const response = await call;
    expect({ status: response.status, body: response.body }).toEqual({ status, body: expect.anything() });
    return response;
  };
  const reviewsOf = async (personId: string): Promise<Review[]> => {
    const response = await client.get('/v1/people/match-reviews?limit=100', all).expect(200);
    return (response.body.items as Review[]).filter((r) => r.personIds.includes(personId));
  };

  it('links the same person referred to IOM and then to MARAC under a nickname with a typo, and lists the overlap', async () => {
    const first = await iom(hollingsworth({ address: '14 Mare Street' }));
    expect(first.status).toBe(201);
    const second = await marac(
      hollingsworth({ forenames: 'Bob', surname: 'Holingsworth', address: '3 Refuge Road, Safe House' }),
    );
    expect(second.status).toBe(201);
    expect(second.body.personId).toBe(first.body.personId);

    const overlaps = await client.get('/v1/people/overlaps', all).expect(200);
    const entry = (overlaps.body.items as { personId: string; panels: string[] }[]).find(
      (o) => o.personId === first.body.personId,
    );
    expect(entry?.panels).toEqual(['IOM', 'MARAC']);

    const seenByAll = await client.get(`/v1/people/${first.body.personId}`, all).expect(200);
    expect(seenByAll.body.knownNames).toEqual(
      expect.arrayContaining([
        { forenames: 'Robert', surname: 'Hollingsworth' },
        { forenames: 'Bob', surname: 'Holingsworth' },
      ]),
    );
    expect(seenByAll.body.golden.address).toBe('3 Refuge Road, Safe House');
    const linked = (seenByAll.body.records as { link?: { score: number; levels: Record<string, string> } }[]).find(
      (r) => r.link !== undefined,
    );
    expect(linked?.link?.levels.forename).toBe('nickname');

    // An IOM member sees the MARAC involvement as a marker only, and not the victim's address.
    const seenByIom = await client.get(`/v1/people/${first.body.personId}`, iomOnly).expect(200);
    expect(seenByIom.body.cases.map((c: { panel: string }) => c.panel)).toEqual(['IOM']);
    expect(seenByIom.body.alsoKnownTo).toEqual([{ panel: 'MARAC', cases: 1, openCases: 1 }]);
    expect(seenByIom.body.golden.address).toBe('14 Mare Street');
    expect(JSON.stringify(seenByIom.body)).not.toContain('Refuge Road');
    expect(JSON.stringify(seenByIom.body)).not.toContain(second.body.caseId);
    const overlapsForIom = await client.get('/v1/people/overlaps', iomOnly).expect(200);
    expect(JSON.stringify(overlapsForIom.body)).not.toContain(second.body.caseId);
  });

  it('hides a person from other panels (404), refuses analysts (403) and requires X-Purpose (400)', async () => {
    const made = await iom(
      hollingsworth({
        forenames: 'Imogen',
        surname: 'Quarrie',
        sex: 'female',
        dateOfBirth: '1975-05-05',
        postcode: 'HA0 1AA',
      }),
    );
    const url = `/v1/people/${made.body.personId}`;
    await client.get(url, allianceOnly).expect(404);
    await client.get('/v1/people/6a1f2c3d-0000-4000-8000-000000000000', all).expect(404);
    await client.get(url, analyst).expect(403);
    const noPurpose = await client.get(url, all, null).expect(400);
    expect(noPurpose.body.errors).toEqual([expect.objectContaining({ field: 'X-Purpose' })]);

    await client.get(url, all, 'checking before the panel').expect(200);
    const auditor = await tokenFor({ sub: 'auditor-1', roles: ['auditor'] });
    const trail = await client.get(`/v1/audit/trail?personId=${made.body.personId}&action=person-viewed`, auditor);
    expect(trail.status).toBe(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({
        action: 'person-viewed',
        personId: made.body.personId,
        purpose: 'checking before the panel',
      }),
    ]);
  });

  it('puts a review-band pair in the queue; confirming merges them and cases follow the survivor, and a split restores both', async () => {
    const older = await iom(hollingsworth({ surname: 'Penhaligon', dateOfBirth: '1979-03-22', postcode: 'W3 7QS' }));
    const newer = await marac(hollingsworth({ surname: 'Penhaligon', dateOfBirth: '1979-03-23', postcode: 'N1 9GU' }));
    expect(newer.body.personId).not.toBe(older.body.personId);
    const [review] = await reviewsOf(older.body.personId);
    expect(review?.personIds).toEqual([older.body.personId, newer.body.personId]);
    expect(review?.levels.dateOfBirth).toBe('one-digit');
    expect(review?.score).toEqual(expect.any(Number));

    const noReason = await expectStatus(client.post(`/v1/people/match-reviews/${review?.id}/confirm`, all, {}), 400);
    expect(noReason.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    const confirmed = await expectStatus(
      client.post(`/v1/people/match-reviews/${review?.id}/confirm`, all, {
        reason: 'Same person: GP letter confirms DOB typo',
      }),
      200,
    );
    expect(confirmed.body).toMatchObject({ survivorId: older.body.personId, mergedId: newer.body.personId });
    expect(await reviewsOf(older.body.personId)).toEqual([]);

    const mergedCase = await client.get(`/v1/cases/${newer.body.caseId}`, all).expect(200);
    expect(mergedCase.body.personId).toBe(older.body.personId);
    const viaOldId = await client.get(`/v1/people/${newer.body.personId}`, all).expect(200);
    expect(viaOldId.body).toMatchObject({ personId: older.body.personId, mergedInto: older.body.personId });
    expect(viaOldId.body.cases.map((c: { caseId: string }) => c.caseId).sort()).toEqual(
      [older.body.caseId, newer.body.caseId].sort(),
    );
    const cohort = await client.get('/v1/panels/MARAC/cohort?limit=500', all).expect(200);
    const item = (cohort.body.items as { caseId: string; personId: string }[]).find(
      (i) => i.caseId === newer.body.caseId,
    );
    expect(item?.personId).toBe(older.body.personId);

    const noSplitReason = await expectStatus(
      client.post(`/v1/people/${older.body.personId}/split`, all, { restore: newer.body.personId }),
      400,
    );
    expect(noSplitReason.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'reason' })]));
    await expectStatus(
      client.post(`/v1/people/${older.body.personId}/split`, all, {
        restore: newer.body.personId,
        reason: 'Merged in error: different people per probation',
      }),
      200,
    );
    const restoredCase = await client.get(`/v1/cases/${newer.body.caseId}`, all).expect(200);
    expect(restoredCase.body.personId).toBe(newer.body.personId);
    const restored = await client.get(`/v1/people/${newer.body.personId}`, all).expect(200);
    expect(restored.body.mergedInto).toBeUndefined();
    expect(restored.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([newer.body.caseId]);
    const survivor = await client.get(`/v1/people/${older.body.personId}`, all).expect(200);
    expect(survivor.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([older.body.caseId]);
  });

  it('rejecting a proposal removes it from the queue, and the pair is not proposed again', async () => {
    const known = await iom(hollingsworth({ surname: 'Tregarthen', dateOfBirth: '1993-11-05', postcode: 'CR0 2LP' }));
    const other = await iom(hollingsworth({ surname: 'Tregarthen', dateOfBirth: '1993-11-06', postcode: 'SE15 4QF' }));
    const [review] = await reviewsOf(known.body.personId);
    expect(review?.personIds).toEqual([known.body.personId, other.body.personId]);
    await expectStatus(
      client.post(`/v1/people/match-reviews/${review?.id}/reject`, all, {
        reason: 'Different fathers named on records',
      }),
      200,
    );
    await expectStatus(client.post(`/v1/people/match-reviews/${review?.id}/reject`, all, { reason: 'again' }), 409);
    // The same person referred again joins the second person; the rejected pair stays off the queue.
    await rejectedByIom(client, all, other.body.caseId);
    const again = await iom(hollingsworth({ surname: 'Tregarthen', dateOfBirth: '1993-11-06', postcode: 'SE15 4QF' }));
    expect(again.body.personId).toBe(other.body.personId);
    expect(await reviewsOf(known.body.personId)).toEqual([]);
  });

  it('splits a wrongly linked record and its case off to a new person', async () => {
    const first = await iom(hollingsworth({ surname: 'Carbis', dateOfBirth: '1984-12-01', postcode: 'TW1 3QS' }));
    const second = await marac(
      hollingsworth({ forenames: 'Bob', surname: 'Carbis', dateOfBirth: '1984-12-01', postcode: 'TW1 3QS' }),
    );
    expect(second.body.personId).toBe(first.body.personId);
    const before = await client.get(`/v1/people/${first.body.personId}`, all).expect(200);
    const record = (before.body.records as { recordId: string; caseId?: string }[]).find(
      (r) => r.caseId === second.body.caseId,
    );
    expect(record).toBeDefined();
    const split = await expectStatus(
      client.post(`/v1/people/${first.body.personId}/split`, all, {
        reason: 'Father and son: different people',
        recordIds: [record?.recordId],
        caseIds: [second.body.caseId],
      }),
      200,
    );
    const newPersonId = split.body.intoPersonId as string;
    expect(newPersonId).not.toBe(first.body.personId);
    const movedCase = await client.get(`/v1/cases/${second.body.caseId}`, all).expect(200);
    expect(movedCase.body.personId).toBe(newPersonId);
    const newPerson = await client.get(`/v1/people/${newPersonId}`, all).expect(200);
    expect(newPerson.body.golden.forenames).toBe('Bob');
    expect(newPerson.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([second.body.caseId]);
    const left = await client.get(`/v1/people/${first.body.personId}`, all).expect(200);
    expect(left.body.cases.map((c: { caseId: string }) => c.caseId)).toEqual([first.body.caseId]);
  });

  it('does not let the link score say whether an IOM record shares the MARAC victim’s address', async () => {
    // The same PNC links whatever the address; only the residence comparison moves the score.
    const linkAs = async (token: string, surname: string, iomPostcode: string, pncSerial: number) => {
      const person = hollingsworth({
        surname,
        postcode: 'N1 9GU',
        identifiers: { pnc: syntheticPnc(pncSerial) },
      });
      const victim = await marac(person);
      const offender = await iom({ ...person, postcode: iomPostcode });
      expect(offender.body.personId).toBe(victim.body.personId);
      const view = await client.get(`/v1/people/${offender.body.personId}`, token).expect(200);
      return (view.body.records as { panel: string; link?: Record<string, unknown> }[]).find((r) => r.panel === 'IOM')
        ?.link;
    };
    expect(await linkAs(all, 'Kitto', 'N1 9GU', 7101)).toEqual({
      score: expect.any(Number),
      levels: expect.anything(),
      model: BUILT_IN_MODEL,
    });
    const sameHome = await linkAs(iomOnly, 'Jewell', 'N1 9GU', 7102);
    const elsewhere = await linkAs(iomOnly, 'Bolitho', 'W3 7QS', 7103);
    expect(sameHome).toEqual(elsewhere);
    expect(sameHome).not.toHaveProperty('score');
  });

  // Either way the IOM record is left without the MARAC record, at the postcode its residence
  // level compared with the victim's.
  it.each([
    ['the MARAC record is split off', 'Angove', 7201, 'victim'],
    ['the IOM record is split off', 'Nance', 7202, 'offender'],
  ] as const)('keeps a link’s residence level and score from IOM after %s', async (_how, surname, pncSerial, moved) => {
    // The PNC ID on the IOM record only: records of one PNC ID are never parted (records-share-an-identifier).
    const person = hollingsworth({ surname, postcode: 'N1 9GU' });
    const victim = await marac(person);
    const offender = await iom({ ...person, identifiers: { pnc: syntheticPnc(pncSerial) } });
    expect(offender.body.personId).toBe(victim.body.personId);
    const record = moved === 'victim' ? victim.body.personId : await recordOfCase(offender.body.caseId);
    const split = await expectStatus(
      client.post(`/v1/people/${victim.body.personId}/split`, all, {
        reason: 'The two referrals were about namesakes',
        recordIds: [record],
        caseIds: [(moved === 'victim' ? victim : offender).body.caseId],
      }),
      200,
    );

    const left = moved === 'victim' ? offender.body.personId : split.body.intoPersonId;
    const view = await client.get(`/v1/people/${left}`, iomOnly).expect(200);
    const records = view.body.records as { panel: string; link?: { levels: Record<string, string> } }[];
    expect(records.map((r) => r.panel)).toEqual(['IOM']);
    expect(records[0]?.link).toEqual({ levels: expect.any(Object), model: BUILT_IN_MODEL });
    expect(records[0]?.link?.levels).not.toHaveProperty('residence');
  });
  const recordOfCase = async (caseId: string) => {
    const found = await client.get(`/v1/cases/${caseId}`, all).expect(200);
    const person = await client.get(`/v1/people/${found.body.personId}`, all).expect(200);
    return (person.body.records as { recordId: string; caseId?: string }[]).find((r) => r.caseId === caseId)?.recordId;
  };

  it('never auto-links likely twins or people with different PNCs', async () => {
    const robert = await iom(hollingsworth({ surname: 'Mabbott', dateOfBirth: '2001-01-30', postcode: 'E17 4PP' }));
    const richard = await iom(
      hollingsworth({ surname: 'Mabbott', forenames: 'Richard', dateOfBirth: '2001-01-30', postcode: 'E17 4PP' }),
    );
    expect(richard.body.personId).not.toBe(robert.body.personId);

    const withPnc = await iom(
      hollingsworth({
        surname: 'Kittow',
        dateOfBirth: '1969-09-09',
        postcode: 'BR1 1AA',
        identifiers: { pnc: syntheticPnc(163001) },
      }),
    );
    const otherPnc = await iom(
      hollingsworth({
        surname: 'Kittow',
        dateOfBirth: '1969-09-09',
        postcode: 'BR1 1AA',
        identifiers: { pnc: syntheticPnc(163002) },
      }),
    );
    expect(otherPnc.body.personId).not.toBe(withPnc.body.personId);
    await rejectedByIom(client, all, withPnc.body.caseId);
    const samePnc = await iom(
      hollingsworth({
        surname: 'Kittow',
        dateOfBirth: '1969-09-09',
        postcode: 'BR1 1AA',
        forenames: 'Bobby',
        identifiers: { pnc: syntheticPnc(163001) },
      }),
    );
    expect(samePnc.body.personId).toBe(withPnc.body.personId);
  });
});
