import request from 'supertest';
import { apiForSuite } from './support/api-suite';
import { hollingsworth, syntheticPnc } from './support/people';
import { maracReferral } from './support/referrals';
import { restoreBody } from './support/split-races';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/** The race is only lost some of the time: it is run this often, each round on people of its own. */
const ROUNDS = Array.from({ length: 12 }, (_, i) => i + 1);

const SURNAMES = [
  'Penhaligon',
  'Trevithick',
  'Boscawen',
  'Nancarrow',
  'Pengelly',
  'Trelawny',
  'Carlyon',
  'Polglase',
  'Tresidder',
  'Kitto',
  'Roskilly',
  'Jago',
];

type Answer = request.Response;

/** PNC serials of their own for each set-up (by decade of birth), PNC ID (Y: 1, Z: 2) and round. */
const serialOf = (decade: number, which: number, round: number): number => decade * 100 + which * 20 + round;

interface PersonView {
  readonly identifiers?: { readonly pnc?: readonly string[] };
  readonly cases: readonly { readonly caseId: string }[];
}

const pncsOf = (person: PersonView): readonly string[] => person.identifiers?.pnc ?? [];

/**
 * A referral whose record links to a person, sent at the same moment as a restore that gives that
 * person back a record split off her (with PNC ID Y), or that empties the split-off person the
 * referral links to. Each alone is sound; decided on the same facts, the two left her holding two
 * PNC IDs, or linked the referral's record to a person the restore had just emptied. Now whichever
 * is recorded second is decided on what the first wrote: the restore is refused, or the referral is
 * scored on what the restore gave back (linked, or proposed beside her). Synthetic people only.
 */
describe('a referral and a restore of the people it links to, sent at the same moment', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });

  const view = async (personId: string, position: number): Promise<PersonView> =>
    (
      await request(api.app.getHttpServer())
        .get(`/v1/people/${personId}`)
        .set({ Authorization: `Bearer ${tokens.all}`, 'X-Min-Position': String(position), 'X-Purpose': 'case review' })
        .expect(200)
    ).body as PersonView;

  /**
   * She holds no PNC ID: the later referral that brought hers (Y) was split off to a person of its
   * own. Restoring that person is sound alone, and so is a referral of her with PNC ID Z.
   */
  async function splitOffHerPnc(round: number, forenames: string, decade: number) {
    const her = hollingsworth({
      forenames,
      surname: SURNAMES[round - 1],
      sex: 'female',
      dateOfBirth: `19${decade + round}-0${(round % 9) + 1}-1${round % 10}`,
      postcode: 'TR1 2HE',
    });
    const referral = (day: number, identifiers?: Record<string, string>) =>
      maracReferral(
        {
          person: { ...her, ...(identifiers === undefined ? {} : { identifiers }) },
          referredAt: `2024-06-0${day}T09:00:00Z`,
        },
        { perpetrator: undefined },
      );
    const b = (await client.refer(tokens.all, referral(2))).personId;
    const first = await client.refer(tokens.all, referral(3, { pnc: syntheticPnc(serialOf(decade, 1, round)) }));
    expect(first.personId).toBe(b);
    const { records } = await client.personView<{ records: { recordId: string; caseId?: string }[] }>(tokens.all, b);
    const recordIds = records.filter((r) => r.caseId === first.caseId).map((r) => r.recordId);
    const body = { reason: 'That referral was her sister', recordIds, caseIds: [first.caseId] };
    const split = await client.post(`/v1/people/${b}/split`, tokens.all, body);
    expect(split.status).toBe(200);
    const withPnc = (serial: number) => referral(4, { pnc: syntheticPnc(serial) });
    return {
      b,
      splitOff: split.body.intoPersonId as string,
      withY: withPnc(serialOf(decade, 1, round)),
      withZ: withPnc(serialOf(decade, 2, round)),
    };
  }

  /**
   * The restore of `splitOff` onto `b` and the referral, sent at the same moment: which goes first,
   * and how many turns of the event loop later the other, varies by round.
   */
  async function race(round: number, { b, splitOff }: { b: string; splitOff: string }, referral: object) {
    const restore = () => client.post(`/v1/people/${b}/split`, tokens.all, { ...restoreBody, restore: splitOff });
    const refer = () => client.post('/v1/referrals', tokens.all, referral);
    const later = async (turns: number, send: () => Promise<Answer>) => {
      for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
      return send();
    };
    const turns = Math.floor((round - 1) / 2);
    const [restored, referred] =
      round % 2 === 1
        ? ((await Promise.all([refer(), later(turns, restore)])).reverse() as [Answer, Answer])
        : await Promise.all([restore(), later(turns, refer)]);
    expect([200, 409, 503]).toContain(restored.status);
    expect({ status: referred.status, body: referred.body as unknown }).toMatchObject({ status: 201 });
    return { restored, referred: referred.body as { personId: string; caseId: string }, position: client.position };
  }

  it.each(ROUNDS)(
    'round %i: a referral with another PNC ID: she never holds two, and the referral is recorded',
    async (round) => {
      const people = await splitOffHerPnc(round, 'Demelza', 60);

      const { referred, position } = await race(round, people, people.withZ);

      expect(pncsOf(await view(people.b, position)).length).toBeLessThanOrEqual(1);
      const holder = await view(referred.personId, position);
      expect(pncsOf(holder).length).toBeLessThanOrEqual(1);
      // Linked to her, or a person of its own proposed beside her: recorded either way.
      expect(holder.cases.map((c) => c.caseId)).toContain(referred.caseId);
    },
  );

  it.each(ROUNDS)(
    'round %i: a referral with the split-off PNC ID: never linked to the person the restore empties',
    async (round) => {
      const people = await splitOffHerPnc(round, 'Kerensa', 70);

      const { restored, referred, position } = await race(round, people, people.withY);

      // Scored on the record the restore took back: it is hers now, or the restore was refused.
      if (restored.status === 200) expect(referred.personId).not.toBe(people.splitOff);
      const holder = await view(referred.personId, position);
      expect(holder.cases.map((c) => c.caseId)).toContain(referred.caseId);
      expect(pncsOf(holder).length).toBeLessThanOrEqual(1);
    },
  );
});
