import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { queuedReviewOf } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * Which request goes first, and how far it has got when the other is sent: once it has written its
 * nth event of a type (or at once), then some turns of the event loop later. The referral writes
 * her record's link, his record's link, its note and its case; the confirmation its two
 * `merge-begun` and `match-confirmed`. Each round on a household of its own.
 */
const ROUNDS = (['referral', 'confirmation'] as const)
  .flatMap((first) =>
    (first === 'referral'
      ? [
          undefined,
          { type: 'person-record-linked', nth: 1 },
          { type: 'person-record-linked', nth: 2 },
          { type: 'person-referred', nth: 1 },
        ]
      : [
          undefined,
          { type: 'merge-begun', nth: 1 },
          { type: 'merge-begun', nth: 2 },
          { type: 'match-confirmed', nth: 1 },
        ]
    ).flatMap((written) => [0, 3].map((turns) => ({ first, written, turns }))),
  )
  .map((round, i) => ({ ...round, round: i + 1 }));

const SURNAMES = [
  'Penhallow',
  'Tregarne',
  'Carlyon',
  'Polglase',
  'Trevaskis',
  'Menheniot',
  'Rosevear',
  'Kitto',
  'Pengelly',
  'Tresidder',
  'Jenkin',
  'Lanyon',
  'Nancarrow',
  'Polkinghorne',
  'Roskilly',
  'Trewhella',
];

interface PersonView {
  readonly personId: string;
}

interface ReferralAnswer {
  readonly caseId: string;
  readonly personId: string;
  readonly perpetratorPersonId?: string;
  readonly notRecorded?: readonly { field: string; rule: string }[];
}

const NOT_RECORDED = { field: 'marac.perpetrator', rule: 'marac-perpetrator-not-victim' };

/**
 * A reviewer confirms "Sam" (an IOM nominal) and Samantha as one person at the same moment as a
 * MARAC referral of Samantha names Samuel, the same nominal, as her perpetrator. Each alone is
 * sound: the pair was proposed before any case named him, and the referral names two people. The
 * confirmation read the MARAC rule before the referral's case was written, and the two were merged
 * with her case naming him: she became her own perpetrator. Now, whichever is recorded second
 * sees the first: the confirmation is refused, or the referral finds them one person and her case
 * names no one merged with her (his record registered apart from her, as after a merge, or him left
 * unrecorded with `notRecorded` saying so). Synthetic people only.
 */
describe('a match review confirmed at the same moment as a MARAC referral naming its two people as victim and perpetrator', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });

  /** Whom an id stands for now: the person it was merged into, or itself. */
  const standsFor = async (personId: string) => (await client.personView<PersonView>(tokens.all, personId)).personId;
  const perpetratorOf = async (caseId: string) =>
    ((await client.get(`/v1/cases/${caseId}`, tokens.all).expect(200)).body as { perpetrator?: { personId: string } })
      .perpetrator?.personId;

  /** She and the nominal, both known to IOM and proposed as one person, waiting in the queue. */
  async function proposedHousehold(round: number) {
    const surname = SURNAMES[round - 1] as string;
    const home = { postcode: `N16 ${round}AB`, address: `${round * 2} Fern Street` };
    const her = person({ forenames: 'Samantha', surname, dateOfBirth: '1990-04-12', sex: 'female', ...home });
    const nominal = person({
      forenames: 'Sam',
      surname,
      dateOfBirth: '1989-04-12',
      sex: 'male',
      ...home,
      identifiers: { pnc: syntheticPnc(9100 + round) },
    });
    const him = await client.refer(tokens.all, iomReferral({}, { person: nominal }));
    const herIom = await client.refer(tokens.all, iomReferral({}, { person: her, referredAt: '2024-03-02T10:00:00Z' }));
    const review = await queuedReviewOf(client, tokens.all, herIom.personId, him.personId);
    const naming = maracReferral(
      { person: her },
      { perpetrator: { forenames: 'Samuel', surname, dateOfBirth: '1989-04-12', ...home } },
    );
    return { victim: herIom.personId, nominal: him.personId, review: review.id, naming };
  }

  /**
   * Settles once `nth` events of `type` have been written from now on (at once without one); `stop`
   * stops looking, so a round whose first request never writes them fails instead of waiting.
   */
  function written(sent: { type: string; nth: number } | undefined) {
    const store = api.app.get<symbol, EventStore>(EVENT_STORE);
    const append = store.append.bind(store);
    let seen = 0;
    let reached!: () => void;
    const done = new Promise<void>((resolve) => (reached = resolve));
    if (sent === undefined) reached();
    const spy =
      sent === undefined
        ? undefined
        : jest.spyOn(store, 'append').mockImplementation(async (stream, events, options) => {
            const result = await append(stream, events, options);
            seen += events.filter((event) => event.type === sent.type).length;
            if (seen >= sent.nth) reached();
            return result;
          });
    return { done, stop: () => spy?.mockRestore() };
  }

  /** The confirmation and the referral: the second sent once the first has written what the round names. */
  async function race(
    { first, written: sentAfter, turns }: (typeof ROUNDS)[number],
    reviewId: string,
    referral: object,
  ) {
    const confirm = () =>
      client.post(`/v1/people/match-reviews/${reviewId}/confirm`, tokens.all, {
        reason: 'Sam is short for Samantha; same address',
      });
    const refer = () => client.post('/v1/referrals', tokens.all, referral);
    const watching = written(sentAfter);
    try {
      const firstAnswer = first === 'referral' ? refer() : confirm();
      await Promise.race([watching.done, firstAnswer]);
      for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
      const secondAnswer = first === 'referral' ? confirm() : refer();
      const [one, other] = await Promise.all([firstAnswer, secondAnswer]);
      return first === 'referral' ? { confirmed: other, referred: one } : { confirmed: one, referred: other };
    } finally {
      watching.stop();
    }
  }

  it.each(ROUNDS)(
    'round $round ($first first): her case never names someone merged with her, and the referral is recorded',
    async (round) => {
      const household = await proposedHousehold(round.round);

      const { confirmed, referred } = await race(round, household.review, household.naming);
      // Merged, or refused because her case named him first (or was being recorded as the merge began).
      expect({ status: confirmed.status, body: confirmed.body as unknown }).toMatchObject(
        confirmed.status === 200 ? { status: 200 } : { status: 409 },
      );
      if (confirmed.status === 409)
        expect(['marac-victim-and-perpetrator', 'person-changed', 'match-review-changed']).toContain(
          confirmed.body.rule,
        );
      expect({ status: referred.status, body: referred.body as unknown }).toMatchObject({ status: 201 });
      const made = referred.body as ReferralAnswer;
      const victim = await standsFor(made.personId);
      expect(victim).toBe(await standsFor(household.victim));
      const merged = (await standsFor(household.nominal)) === victim;
      const named = made.perpetratorPersonId === undefined ? undefined : await standsFor(made.perpetratorPersonId);
      expect({ merged, herCaseNamesHer: named === victim }).toEqual({
        merged: confirmed.status === 200,
        herCaseNamesHer: false,
      });
      if (merged) {
        // As a referral after the merge: his record is not hers, or he is left unrecorded (notRecorded says so).
        if (named === undefined) expect(made.notRecorded).toEqual([NOT_RECORDED]);
      } else {
        expect(made.perpetratorPersonId).toBe(household.nominal);
        expect(await perpetratorOf(made.caseId)).toBe(household.nominal);
      }
    },
  );
});
