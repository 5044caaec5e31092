import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';
import { listenOnLoopback } from './support/wire';

const BURST = 32;
const SYLLABLES = ['ba', 'ko', 'ri', 'mu', 'te', 'sal', 'vin', 'dor', 'pe', 'gan', 'lu', 'fen'];
const POSTCODES = ['N17 6AB', 'E8 3QT', 'SE15 4LR', 'NW10 2JP', 'W12 7GF', 'SW9 8BT', 'EN3 5XY', 'HA0 1QS'];

/** An invented name of three syllables, unlike every other `n` under the same `salt`. */
const invented = (n: number, salt: number): string => {
  const pick = (k: number) => SYLLABLES[(n * k + salt) % SYLLABLES.length] ?? '';
  const name = `${pick(1)}${pick(5)}${SYLLABLES[Math.floor(n / SYLLABLES.length) + salt] ?? ''}`;
  return name.charAt(0).toUpperCase() + name.slice(1);
};
const bornOn = (year: number, n: number): string =>
  `${year + n}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;

/** Synthetic people no matcher could take for one another: names, dates of birth and postcodes differ. */
const someone = (salt: number, year: number, n: number) => ({
  forenames: invented(n, salt),
  surname: invented(n, salt + 3),
  dateOfBirth: bornOn(year, n),
  postcode: POSTCODES[n % POSTCODES.length],
});
const victim = (salt: number, n: number) => person(someone(salt, 1950, n));
const perpetrator = (salt: number, n: number) => {
  const { postcode: _notOnTheForm, ...named } = someone(salt + 1, 1940, n);
  return named;
};
const withoutPerpetrator = (body: ReturnType<typeof maracReferral>) => {
  const { perpetrator: _notYetIdentified, ...marac } = body.marac;
  return { ...body, marac };
};

/**
 * A coordinator submitting a referral while colleagues submit others must not be told of a
 * conflict over someone else's write, nor over a colleague's referral of the same person: the
 * later referral is judged after the earlier one (a MARAC repeat), and every referral is made once.
 */
describe('referrals sent at the same moment', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  const store = () => api.app.get<symbol, EventStore>(EVENT_STORE);
  // Listening before the burst: supertest would otherwise bind the one server once per request.
  beforeAll(() => listenOnLoopback(api.app));

  async function burst(bodies: readonly object[]) {
    const answers = await Promise.all(bodies.map((body) => client.post('/v1/referrals', tokens.coordinator, body)));
    const caseIds = answers.map((answer) => (answer.body as { caseId?: string }).caseId);
    const made = (await store().readAll({})).filter((event) => event.type === 'referral-made');
    return {
      answers: answers.map((answer) => answer.body as { personId?: string; repeat?: boolean }),
      outcome: {
        statuses: answers.map((a) => `${a.status}${a.status === 201 ? '' : ` ${JSON.stringify(a.body)}`}`),
        madePerCase: caseIds.map((caseId) => made.filter((event) => event.stream === `case-${caseId ?? ''}`).length),
      },
    };
  }

  const everyOneMadeOnce = {
    statuses: Array.from({ length: BURST }, () => '201'),
    madePerCase: Array.from({ length: BURST }, () => 1),
  };

  describe('of unrelated people', () => {
    it('makes every MARAC referral naming a perpetrator', async () => {
      const bodies = Array.from({ length: BURST }, (_, n) =>
        maracReferral({ person: victim(0, n) }, { perpetrator: perpetrator(0, n) }),
      );
      const { outcome, answers } = await burst(bodies);
      expect(outcome).toEqual(everyOneMadeOnce);
      expect(new Set(answers.map((a) => a.personId)).size).toBe(BURST);
    }, 60_000);

    it('makes every MARAC referral before the perpetrator is identified', async () => {
      const bodies = Array.from({ length: BURST }, (_, n) =>
        withoutPerpetrator(maracReferral({ person: victim(2, n) })),
      );
      expect((await burst(bodies)).outcome).toEqual(everyOneMadeOnce);
    }, 60_000);

    it('makes every MARAC referral that records disability and language', async () => {
      const bodies = Array.from({ length: BURST }, (_, n) =>
        maracReferral(
          { person: { ...victim(4, n), disability: 'Hearing impaired', language: 'Polish' } },
          { perpetrator: perpetrator(4, n) },
        ),
      );
      expect((await burst(bodies)).outcome).toEqual(everyOneMadeOnce);
    }, 60_000);

    it('makes every IOM referral', async () => {
      const bodies = Array.from({ length: BURST }, (_, n) =>
        iomReferral(
          {},
          { person: person({ ...someone(6, 1960, n), sex: 'male', identifiers: { pnc: syntheticPnc(4200 + n) } }) },
        ),
      );
      expect((await burst(bodies)).outcome).toEqual(everyOneMadeOnce);
    }, 60_000);
  });

  describe('of one person', () => {
    // Names that differ only in digits are one name to the matcher (as in the shutdown burst).
    const sameVictim = (n: number) => person({ forenames: 'Robin', surname: `Ashby${n}`, dateOfBirth: '1979-03-08' });
    const samePerpetrator = (n: number) => ({ forenames: 'Lee', surname: `Carver${n}`, dateOfBirth: '1975-02-11' });
    // An incident on the UK day of the referrals (which are dated alike), so each is a further incident
    // after the one referred before it: a referral judged without the others would miss its repeat.
    const FURTHER_INCIDENT = { incidentAt: '2024-05-02T08:00:00Z' };

    it('makes every MARAC referral, each after the one before it: one first referral, the rest repeats', async () => {
      const bodies = Array.from({ length: BURST }, (_, n) =>
        maracReferral({ person: sameVictim(n) }, { perpetrator: samePerpetrator(n), ...FURTHER_INCIDENT }),
      );
      const { outcome, answers } = await burst(bodies);
      expect(outcome).toEqual(everyOneMadeOnce);
      expect(new Set(answers.map((a) => a.personId)).size).toBe(1);
      expect(answers.filter((a) => a.repeat === false)).toHaveLength(1);
    }, 60_000);

    it('makes every MARAC referral without a perpetrator that records disability and language', async () => {
      const bodies = Array.from({ length: BURST }, (_, n) =>
        withoutPerpetrator(
          maracReferral(
            {
              person: person({
                forenames: 'Petra',
                surname: `Lindqvist${n}`,
                dateOfBirth: '1983-10-19',
                disability: `Mobility ${n % 3}`,
                language: 'Swedish',
              }),
            },
            FURTHER_INCIDENT,
          ),
        ),
      );
      const { outcome, answers } = await burst(bodies);
      expect(outcome).toEqual(everyOneMadeOnce);
      expect(answers.filter((a) => a.repeat === false)).toHaveLength(1);
    }, 60_000);

    it('opens one IOM case: the others are refused (naming it once written) and open none', async () => {
      const bodies = Array.from({ length: BURST }, () =>
        iomReferral({}, { person: person({ forenames: 'Dario', surname: 'Quennell', dateOfBirth: '1991-06-23' }) }),
      );
      const answers = await Promise.all(bodies.map((body) => client.post('/v1/referrals', tokens.coordinator, body)));
      const winners = answers
        .filter((a) => a.status === 201)
        .map((a) => a.body as { caseId: string; personId: string });
      const opened = winners.map((w) => w.caseId);
      expect(opened).toHaveLength(1);
      const refused = answers.filter((a) => a.status !== 201).map((a) => a.body as { rule?: string; message: string });
      expect(refused).toHaveLength(BURST - 1);
      // Refused naming the case once it is written; told to retry (503) while it is being written.
      for (const r of refused) expect(['one-open-case-per-person', 'referral-being-recorded']).toContain(r.rule);
      const named = refused.filter((r) => r.rule === 'one-open-case-per-person');
      expect(named.every((r) => r.message.includes(opened[0] as string))).toBe(true);
      const made = (await store().readAll({})).filter(
        (e) => e.type === 'referral-made' && (e.data as { personId: string }).personId === winners[0]?.personId,
      );
      expect(made.map((e) => e.stream)).toEqual([`case-${opened[0] ?? ''}`]);
    }, 60_000);
  });
});
