import request from 'supertest';
import { queuedReviewOf } from './match-reviews';
import { hollingsworth, syntheticPnc, type PeopleClient } from './people';
import { iomReferral, maracReferral } from './referrals';

/**
 * Set-ups for a split (a restore included) and a review decision about the same people sent at the
 * same moment: each alone is sound, the two together are not. `round` gives each set-up people and
 * PNC IDs of its own (1 to 3). Synthetic people only.
 */

interface PersonRecord {
  readonly recordId: string;
  readonly caseId?: string;
}

export interface Answer {
  readonly status: number;
  readonly body: { readonly rule?: string; readonly position?: number };
}

const recordOfCase = async (client: PeopleClient, token: string, personId: string, caseId: string) => {
  const { records } = await client.personView<{ records: PersonRecord[] }>(token, personId);
  const record = records.find((r) => r.caseId === caseId);
  if (record === undefined) throw new Error(`${personId} holds no record of case ${caseId}`);
  return record.recordId;
};

/** Moves the record a case brought in, and the case, off `personId` to a new person (must be 200). */
async function splitOff(client: PeopleClient, token: string, personId: string, caseId: string): Promise<string> {
  const recordIds = [await recordOfCase(client, token, personId, caseId)];
  const body = { reason: 'That referral was his brother', recordIds, caseIds: [caseId] };
  const split = await client.post(`/v1/people/${personId}/split`, token, body);
  expect({ status: split.status, body: split.body }).toMatchObject({ status: 200 });
  return split.body.intoPersonId as string;
}

export const restoreBody = { reason: 'It was him after all' };
export const confirmBody = { reason: 'Same person per probation' };

/**
 * B holds no PNC ID now: the record that brought his (Y) was split off to `splitOff`. A review of A
 * (PNC X, born a day apart) and B waits in the queue. Confirming it, or restoring `splitOff` onto
 * B, is sound alone; both would give B two PNC IDs.
 */
export async function secondPncTwoWays(client: PeopleClient, token: string, round: number) {
  const surname = ['Polkerris', 'Trenouth', 'Rosewarne'][round - 1] as string;
  const b = hollingsworth({ surname, dateOfBirth: '1979-03-23', postcode: 'N1 9GU' });
  const pncY = { identifiers: { pnc: syntheticPnc(6300 + round) } };
  const withY = await client.refer(token, iomReferral({}, { person: { ...b, ...pncY } }));
  const withoutPnc = await client.refer(token, maracReferral({ person: b }, { perpetrator: undefined }));
  expect(withoutPnc.personId).toBe(withY.personId);
  const a = hollingsworth({ surname, dateOfBirth: '1979-03-22', postcode: 'W3 7QS' });
  const pncX = { identifiers: { pnc: syntheticPnc(6400 + round) } };
  const referredAt = '2024-05-05T09:00:00Z';
  const withX = await client.refer(
    token,
    maracReferral({ person: { ...a, ...pncX }, referredAt }, { perpetrator: undefined }),
  );
  // While B holds Y the pair is out of the queue (identifier-conflict); the split brings it back.
  const splitOffId = await splitOff(client, token, withY.personId, withY.caseId);
  const review = await queuedReviewOf(client, token, withX.personId, withY.personId);
  return { a: withX.personId, b: withY.personId, reviewId: review.id, splitOff: splitOffId };
}

/**
 * Two later referrals of B, each with a PNC ID of its own (Y, Z), linked to her (no PNC) and were
 * each split off (`splitOff`): restoring either is sound alone; both would give B two PNC IDs.
 */
export async function twoPncsSplitOff(client: PeopleClient, token: string, round: number) {
  const surname = ['Tregenza', 'Chenoweth', 'Angove'][round - 1] as string;
  const her = hollingsworth({ surname, dateOfBirth: `19${50 + round * 12}-0${round}-1${round}`, postcode: 'N1 9GU' });
  const refer = (day: number, identifiers?: Record<string, string>) => {
    const person = { ...her, ...(identifiers === undefined ? {} : { identifiers }) };
    return client.refer(
      token,
      maracReferral({ person, referredAt: `2024-05-0${day}T09:00:00Z` }, { perpetrator: undefined }),
    );
  };
  const b = (await refer(2)).personId;
  const withY = await refer(3, { pnc: syntheticPnc(8100 + round) });
  expect(withY.personId).toBe(b);
  const first = await splitOff(client, token, b, withY.caseId);
  const withZ = await refer(4, { pnc: syntheticPnc(8200 + round) });
  expect(withZ.personId).toBe(b);
  return { b, splitOff: [first, await splitOff(client, token, b, withZ.caseId)] as const };
}

/**
 * A review of a known woman and `personId` was scored on the record `personId`'s first referral
 * brought in; a second referral linked to her since. `split` moves that first record and its case
 * off her, so the review's score would describe a record she no longer holds.
 */
export async function scoredRecordSplitOff(client: PeopleClient, token: string, round: number) {
  // People of their own: no one the other races made is a candidate taking this review's place.
  const details = (day: string, postcode: string) =>
    hollingsworth({
      forenames: 'Morwenna',
      surname: ['Tremayne', 'Vivian', 'Hocking'][round - 1],
      sex: 'female',
      dateOfBirth: `19${50 + round * 11}-03-${day}`,
      postcode,
    });
  const known = await client.refer(
    token,
    iomReferral({}, { person: { ...details('22', 'SE15 4LX'), identifiers: {} } }),
  );
  const her = details('23', 'E17 6HR');
  const first = await client.refer(token, maracReferral({ person: her }, { perpetrator: undefined }));
  const review = await queuedReviewOf(client, token, known.personId, first.personId);
  const referredAt = '2024-05-05T09:00:00Z';
  const second = await client.refer(token, maracReferral({ person: her, referredAt }, { perpetrator: undefined }));
  expect(second.personId).toBe(first.personId);
  const recordIds = [await recordOfCase(client, token, first.personId, first.caseId)];
  return {
    personId: first.personId,
    reviewId: review.id,
    split: { reason: 'The first referral was her sister', recordIds, caseIds: [first.caseId] },
  };
}

/** The answers as `status rule`, sorted: which of two racing requests won is not the point. */
export const outcomes = (answers: readonly Answer[]): string[] =>
  answers.map((a) => (a.status === 200 ? '200' : `${a.status} ${a.body.rule ?? ''}`)).sort();

/** The PNC IDs a person holds, read on `app` once its views hold everything up to `position`. */
export async function pncsOf(
  app: Parameters<typeof request>[0],
  token: string,
  personId: string,
  position: number,
): Promise<string[]> {
  const view = await request(app)
    .get(`/v1/people/${personId}`)
    .set({ Authorization: `Bearer ${token}`, 'X-Min-Position': String(position), 'X-Purpose': 'case review' })
    .expect(200);
  return (view.body as { identifiers?: { pnc?: string[] } }).identifiers?.pnc ?? [];
}

/** The highest log position two answers name (0 when neither wrote). */
export const lastWritten = (answers: readonly Answer[]): number =>
  Math.max(0, ...answers.map((a) => Number(a.body.position ?? 0)));
