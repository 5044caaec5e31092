import { rejectedByIom } from './support/iom-cases';
import type { Response } from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { matchReviewQueue, proposedReviewId, queuedReviewOf, reviewOfPair } from './support/match-reviews';
import { hollingsworth, syntheticPnc } from './support/people';
import { iomReferral } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * What the matcher never does on its own, a reviewer cannot do either: merge two people who hold
 * different PNC IDs (or NHS numbers ...). That must hold whatever happened since the proposal was
 * made (a record with another PNC linked to one of them), and once the record that brought the
 * conflict is split off, the same proposal merges and case views follow. Synthetic people only:
 * each test has its own surname, date of birth and postcode, so no record links across tests.
 */
describe('confirming a match between people with different identifiers', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const refer = async (details: Record<string, unknown>) => {
    const body = iomReferral({}, { person: hollingsworth(details) });
    const response = await client.post('/v1/referrals', tokens.all, body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body as { personId: string; caseId: string };
  };
  const decide = (id: string, decision: 'confirm' | 'reject', reason: string) =>
    client.post(`/v1/people/match-reviews/${id}/${decision}`, tokens.all, { reason });
  const answer = (response: Response) => ({ status: response.status, body: response.body });
  const personAs = async (id: string) => (await client.get(`/v1/people/${id}`, tokens.all).expect(200)).body;
  const personOfCase = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body.personId as string;
  const decisionsOn = async (reviewId: string) =>
    (await api.app.get<symbol, EventStore>(EVENT_STORE).readStream(`personmatch-${reviewId}`))
      .map((e) => e.type)
      .filter((type) => type !== 'match-proposed');

  it('refuses with 409 identifier-conflict to merge two people with different PNC IDs, and merges nobody', async () => {
    const older = await refer({
      surname: 'Penberthy',
      dateOfBirth: '1969-11-04',
      postcode: 'SE15 4QF',
      identifiers: { pnc: syntheticPnc(9101) },
    });
    const newer = await refer({
      surname: 'Penberthy',
      dateOfBirth: '1969-11-04',
      postcode: 'SE15 4QF',
      identifiers: { pnc: syntheticPnc(9102) },
    });
    expect(newer.personId).not.toBe(older.personId);
    // Never confirmable, so never queued: the review says why.
    const review = { id: await proposedReviewId(api, older.personId, newer.personId) };
    expect(reviewOfPair(await matchReviewQueue(client, tokens.all), older.personId, newer.personId)).toBeUndefined();
    expect((await client.get(`/v1/people/match-reviews/${review.id}`, tokens.all).expect(200)).body).toMatchObject({
      guards: expect.arrayContaining(['identifier-conflict']),
      notInQueue: { rule: 'identifier-conflict', kinds: ['pnc'] },
    });

    const confirmed = await decide(review.id, 'confirm', 'Same name, date of birth and address');
    expect(answer(confirmed)).toEqual({
      status: 409,
      body: expect.objectContaining({ rule: 'identifier-conflict', message: expect.stringContaining('pnc') }),
    });
    expect(await decisionsOn(review.id)).toEqual([]);
    expect((await personAs(newer.personId)).mergedInto).toBeUndefined();
    expect(await personOfCase(newer.caseId)).toBe(newer.personId);
    // The reviewer can still say what the identifiers say.
    expect(answer(await decide(review.id, 'reject', 'Different PNC IDs'))).toMatchObject({ status: 200 });
  });

  it('refuses a proposal whose person has since gained a conflicting PNC, and merges once that record is split off', async () => {
    // A~B is a review (a date-of-birth digit apart, another postcode); C links to B and carries
    // a PNC ID other than A's, so merging A and B would make A's PNC and C's one person's.
    const a = await refer({
      surname: 'Trebilcock',
      dateOfBirth: '1971-05-16',
      postcode: 'TW9 1DN',
      identifiers: { pnc: syntheticPnc(9111) },
    });
    const b = await refer({ surname: 'Trebilcock', dateOfBirth: '1971-05-17', postcode: 'KT1 2PW' });
    const review = await queuedReviewOf(client, tokens.all, a.personId, b.personId);
    await rejectedByIom(client, tokens.all, b.caseId);
    const c = await refer({
      surname: 'Trebilcock',
      dateOfBirth: '1971-05-17',
      postcode: 'KT1 2PW',
      identifiers: { pnc: syntheticPnc(9112) },
    });
    expect(c.personId).toBe(b.personId);

    const refused = await decide(review.id, 'confirm', 'Probation says one man');
    expect(answer(refused)).toMatchObject({ status: 409, body: { rule: 'identifier-conflict' } });
    expect(await decisionsOn(review.id)).toEqual([]);
    expect((await personAs(b.personId)).records).toHaveLength(2);

    // C's record and case go to a person of their own; B is then only the record A was proposed with.
    const cRecord = ((await personAs(b.personId)).records as { recordId: string; caseId?: string }[]).find(
      (r) => r.caseId === c.caseId,
    );
    const split = await client.post(`/v1/people/${b.personId}/split`, tokens.all, {
      reason: 'Second PNC ID belongs to his cousin',
      recordIds: [cRecord?.recordId],
      caseIds: [c.caseId],
    });
    expect(answer(split)).toMatchObject({ status: 200 });
    const cousin = split.body.intoPersonId as string;

    const merged = await decide(review.id, 'confirm', 'Probation says one man');
    expect(answer(merged)).toMatchObject({ status: 200, body: { survivorId: a.personId, mergedId: b.personId } });
    expect(await personOfCase(b.caseId)).toBe(a.personId);
    expect(await personOfCase(c.caseId)).toBe(cousin);
    const cohort = (await client.get('/v1/panels/IOM/cohort?limit=500', tokens.all).expect(200)).body.items as {
      caseId: string;
      personId: string;
    }[];
    const onCohort = (caseId: string) => cohort.find((item) => item.caseId === caseId)?.personId;
    // B's case was rejected before C was referred (one open IOM case per person): off the live cohort.
    expect([onCohort(a.caseId), onCohort(b.caseId), onCohort(c.caseId)]).toEqual([a.personId, undefined, cousin]);

    // Undone again: B and their case are B's once more, and the cousin keeps his.
    const unmerged = await client.post(`/v1/people/${a.personId}/split`, tokens.all, {
      reason: 'Merged in error',
      restore: b.personId,
    });
    expect(answer(unmerged)).toMatchObject({ status: 200 });
    expect([await personOfCase(a.caseId), await personOfCase(b.caseId), await personOfCase(c.caseId)]).toEqual([
      a.personId,
      b.personId,
      cousin,
    ]);
  });

  it('refuses a proposal whose person has since been merged with someone holding another NHS number', async () => {
    const a = await refer({
      surname: 'Nankervis',
      dateOfBirth: '1964-08-10',
      postcode: 'SW4 7AA',
      identifiers: { nhsNumber: '999 000 0018' },
    });
    const b = await refer({ surname: 'Nankervis', dateOfBirth: '1964-08-11', postcode: 'SW9 8BB' });
    const z = await refer({
      surname: 'Nankervis',
      dateOfBirth: '1964-08-12',
      postcode: 'SW2 1CC',
      identifiers: { nhsNumber: '9990000026' },
    });
    const ab = await queuedReviewOf(client, tokens.all, a.personId, b.personId);
    const bz = await queuedReviewOf(client, tokens.all, b.personId, z.personId);
    expect(answer(await decide(bz.id, 'confirm', 'Same man per the GP'))).toMatchObject({ status: 200 });

    const refused = await decide(ab.id, 'confirm', 'Same man per probation');
    expect(answer(refused)).toMatchObject({ status: 409, body: { rule: 'identifier-conflict' } });
    expect(refused.body.message).toContain('nhsNumber');
    expect(await decisionsOn(ab.id)).toEqual([]);
    expect([await personOfCase(a.caseId), await personOfCase(z.caseId)]).toEqual([a.personId, b.personId]);
  });

  it('records one confirmation when a proposal is confirmed twice at once', async () => {
    const older = await refer({ surname: 'Tremayne', dateOfBirth: '1966-01-08', postcode: 'CR0 2RB' });
    const newer = await refer({ surname: 'Tremayne', dateOfBirth: '1966-01-09', postcode: 'BR1 3JQ' });
    const review = await queuedReviewOf(client, tokens.all, older.personId, newer.personId);
    const both = await Promise.all([
      decide(review.id, 'confirm', 'Same man'),
      decide(review.id, 'confirm', 'Same man'),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)?.body.rule).toBe('match-proposal-open');
    expect(await decisionsOn(review.id)).toEqual(['match-confirmed']);
    expect(await personOfCase(newer.caseId)).toBe(older.personId);
  });
});
