import type request from 'supertest';
import { apiForSuite } from './support/api-suite';
import { queuedReviewOf } from './support/match-reviews';
import { hollingsworth, syntheticPnc } from './support/people';
import { iomReferral, maracReferral } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/** The race is only lost some of the time: it is run this often, each round on people of its own. */
const ROUNDS = Array.from({ length: 16 }, (_, i) => i + 1);

const SURNAMES = [
  'Penwarden',
  'Tregenza',
  'Angove',
  'Rowe-Jewell',
  'Hocking',
  'Treloar',
  'Curnow',
  'Pascoe',
  'Nankervis',
  'Bolitho',
  'Tremayne',
  'Vivian',
  'Chenoweth',
  'Penrose',
  'Rosewarne',
  'Trebilcock',
];

type Answer = request.Response;

interface PersonView {
  readonly identifiers?: { readonly pnc?: readonly string[] };
  readonly cases: readonly { readonly caseId: string }[];
}

const pncsOf = (person: PersonView): readonly string[] => person.identifiers?.pnc ?? [];

/**
 * A reviewer confirms A (PNC ID Y) and B (no PNC ID) as one person at the same moment as a referral
 * of B with PNC ID Z links to B. Each alone is sound: the confirmation merges two people who share
 * no identifier, and the referral joins a person with no PNC ID. Decided on the same facts, both
 * were recorded, and the merged person held Y and Z. Now whichever is recorded second is decided on
 * what the first wrote: the confirmation is refused, or the referral is scored on the merged person
 * (and proposed beside them). Synthetic people only.
 */
describe('a match review confirmed at the same moment as a referral linking a record to one of its two people', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });

  const view = async (personId: string): Promise<PersonView> => client.personView<PersonView>(tokens.all, personId);

  /** A with PNC ID Y and B without, proposed as one person and waiting in the queue. */
  async function proposedPair(round: number) {
    const details = { surname: SURNAMES[round - 1], dateOfBirth: `19${60 + round}-0${(round % 9) + 1}-1${round % 10}` };
    const pnc = (which: number) => ({ pnc: syntheticPnc(8800 + which * 20 + round) });
    const a = await client.refer(
      tokens.all,
      iomReferral({}, { person: hollingsworth({ ...details, postcode: 'W3 7QS', identifiers: pnc(1) }) }),
    );
    const withB = (identifiers?: object, referredAt?: string) =>
      maracReferral(
        {
          person: hollingsworth({
            ...details,
            dateOfBirth: details.dateOfBirth.replace(/.$/, (d) => String((Number(d) + 1) % 10)),
            postcode: 'N1 9GU',
            ...(identifiers === undefined ? {} : { identifiers }),
          }),
          ...(referredAt === undefined ? {} : { referredAt }),
        },
        { perpetrator: undefined },
      );
    const b = await client.refer(tokens.all, withB());
    expect(b.personId).not.toBe(a.personId);
    const review = await queuedReviewOf(client, tokens.all, a.personId, b.personId);
    return { a: a.personId, b: b.personId, review: review.id, withZ: withB(pnc(2), '2024-06-02T09:00:00Z') };
  }

  /**
   * The confirmation and the referral, sent at the same moment: which goes first, and how many
   * turns of the event loop later the other, varies by round.
   */
  async function race(round: number, reviewId: string, referral: object) {
    const confirm = () =>
      client.post(`/v1/people/match-reviews/${reviewId}/confirm`, tokens.all, { reason: 'same man, DOB mistyped' });
    const refer = () => client.post('/v1/referrals', tokens.all, referral);
    const later = async (turns: number, send: () => Promise<Answer>) => {
      for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
      return send();
    };
    const turns = Math.floor((round - 1) / 2);
    const [confirmed, referred] =
      round % 2 === 1
        ? ((await Promise.all([refer(), later(turns, confirm)])).reverse() as [Answer, Answer])
        : await Promise.all([confirm(), later(turns, refer)]);
    return { confirmed, referred };
  }

  it.each(ROUNDS)('round %i: no person ever holds two PNC IDs, no 500, and the referral is recorded', async (round) => {
    const pair = await proposedPair(round);

    const { confirmed, referred } = await race(round, pair.review, pair.withZ);

    // Merged, or refused because B gained Z first (identifier-conflict) or just as it began (person-changed).
    expect({ status: confirmed.status, body: confirmed.body as unknown }).toMatchObject(
      confirmed.status === 200 ? { status: 200 } : { status: 409 },
    );
    if (confirmed.status === 409) expect(['identifier-conflict', 'person-changed']).toContain(confirmed.body.rule);
    expect({ status: referred.status, body: referred.body as unknown }).toMatchObject({ status: 201 });
    const { personId, caseId } = referred.body as { personId: string; caseId: string };
    for (const id of new Set([pair.a, pair.b, personId])) expect(pncsOf(await view(id)).length).toBeLessThanOrEqual(1);
    // Linked to B, or a person of its own proposed beside the merged one: recorded either way.
    expect((await view(personId)).cases.map((c) => c.caseId)).toContain(caseId);
  });
});
