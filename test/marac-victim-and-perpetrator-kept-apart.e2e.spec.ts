import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { matchReviewQueue, proposedReviewId, reviewOfPair } from './support/match-reviews';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A MARAC referral about her that names him as perpetrator says they are two people. "Sam" is short
 * for Samantha and for Samuel, and a household shares a surname and a home, so the matcher scores
 * such a pair for review, and one confirmation made her "her own perpetrator": the case lost its
 * perpetrator, his offender manager saw her name and birthday on him, and every later referral of
 * her naming him was refused. The case keeps the two apart like a standing rejection. Synthetic
 * people only: each test has its own surname and home, so no record links across tests.
 */
describe('a MARAC victim and the perpetrator her case names', () => {
  const { api, client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    iom: { sub: 'iom-only', roles: ['coordinator'], panels: ['IOM'] },
    marac: { sub: 'marac-only', roles: ['coordinator'], panels: ['MARAC'] },
  });
  const household = (surname: string, postcode: string, address: string) => {
    const home = { postcode, address };
    return {
      her: person({ forenames: 'Samantha', surname, dateOfBirth: '1990-04-12', sex: 'female', ...home }),
      him: { forenames: 'Samuel', surname, dateOfBirth: '1989-04-12', ...home },
      /** How probation knows him: the nickname, his birthday, the same home. */
      nominal: (serial: number) =>
        person({
          forenames: 'Sam',
          surname,
          dateOfBirth: '1989-04-12',
          sex: 'male',
          ...home,
          identifiers: { pnc: syntheticPnc(serial) },
        }),
    };
  };
  const proposedPairs = async () =>
    (await api.app.get<symbol, EventStore>(EVENT_STORE).readAll({}))
      .filter((event) => event.type === 'match-proposed')
      .map((event) => (event.data as { personIds: [string, string] }).personIds);
  const proposedBetween = async (x: string, y: string) =>
    (await proposedPairs()).some((pair) => pair.includes(x) && pair.includes(y));
  const confirmations = async (reviewId: string) =>
    (await api.app.get<symbol, EventStore>(EVENT_STORE).readAll({})).filter(
      (event) => event.type === 'match-confirmed' && (event.data as { proposalId: string }).proposalId === reviewId,
    );
  const perpetratorOf = async (caseId: string) =>
    ((await client.get(`/v1/cases/${caseId}`, tokens.marac).expect(200)).body as { perpetrator?: { personId: string } })
      .perpetrator?.personId;

  it('never proposes her with him, and his later referral as "Sam" leaves her case naming him', async () => {
    const { her, him, nominal } = household('Penrose', 'N17 6AB', '16 Elm Road');
    const marac = await client.refer(tokens.marac, maracReferral({ person: her }, { perpetrator: him }));
    const [victim, perpetrator] = [marac.personId, marac.perpetratorPersonId as string];
    const iom = await client.refer(tokens.iom, iomReferral({}, { person: nominal(6401) }));
    expect(iom.personId).toBe(perpetrator);

    expect(await proposedBetween(victim, perpetrator)).toBe(false);
    for (const token of [tokens.marac, tokens.all])
      expect(reviewOfPair(await matchReviewQueue(client, token), victim, perpetrator)).toBeUndefined();
    expect(await perpetratorOf(marac.caseId)).toBe(perpetrator);
    // Her next referral naming him is taken, and names him again.
    const again = await client.refer(
      tokens.marac,
      maracReferral(
        { referredAt: '2024-06-02T09:00:00Z', person: her },
        { incidentAt: '2024-06-01T22:00:00Z', perpetrator: him },
      ),
    );
    expect({ victim: again.personId, perpetrator: again.perpetratorPersonId }).toEqual({ victim, perpetrator });
  });

  it('leaves a pair proposed before her case named him out of the queue, refuses to confirm it, and says why only to those who see the case', async () => {
    const { her, him, nominal } = household('Tregarthen', 'N17 6AD', '20 Elm Road');
    // Both known to IOM first (she without identifiers), so IOM's reviewer sees the pair.
    const nominalCase = await client.refer(tokens.iom, iomReferral({}, { person: nominal(6411) }));
    const herIom = await client.refer(tokens.iom, iomReferral({}, { person: her, referredAt: '2024-03-02T10:00:00Z' }));
    const [victim, perpetrator] = [herIom.personId, nominalCase.personId];
    const reviewId = await proposedReviewId(api, victim, perpetrator);
    expect(reviewOfPair(await matchReviewQueue(client, tokens.iom), victim, perpetrator)?.id).toBe(reviewId);
    const { total } = (await client.get('/v1/people/match-reviews?limit=500', tokens.iom).expect(200)).body as {
      total: number;
    };

    const marac = await client.refer(tokens.marac, maracReferral({ person: her }, { perpetrator: him }));
    expect({ victim: marac.personId, perpetrator: marac.perpetratorPersonId }).toEqual({ victim, perpetrator });

    for (const token of [tokens.iom, tokens.marac, tokens.all])
      expect(reviewOfPair(await matchReviewQueue(client, token), victim, perpetrator)).toBeUndefined();
    expect((await client.get('/v1/people/match-reviews?limit=500', tokens.iom).expect(200)).body.total).toBe(total - 1);
    const reviewAs = async (token: string) =>
      (await client.get(`/v1/people/match-reviews/${reviewId}`, token).expect(200)).body as Record<string, unknown>;
    for (const token of [tokens.marac, tokens.all])
      expect(await reviewAs(token)).toMatchObject({
        status: 'open',
        notInQueue: { rule: 'marac-victim-and-perpetrator', caseId: marac.caseId },
      });
    // IOM sees MARAC on both only as a marker, never in what role: nothing here may say she is his victim.
    const seenByIom = await reviewAs(tokens.iom);
    expect(seenByIom).toMatchObject({ status: 'open', notInQueue: { rule: 'kept-apart-by-another-panel' } });
    expect(seenByIom.notInQueue).toEqual({ rule: 'kept-apart-by-another-panel' });
    expect(JSON.stringify(seenByIom)).not.toMatch(/marac|perpetrator|victim/i);

    const confirm = async (token: string) => {
      const answer = await client.post(`/v1/people/match-reviews/${reviewId}/confirm`, token, {
        reason: 'Sam is short for Samantha; same address',
      });
      return { status: answer.status, rule: answer.body.rule as string, message: answer.body.message as string };
    };
    const byIom = await confirm(tokens.iom);
    expect(byIom).toMatchObject({ status: 409, rule: 'kept-apart-by-another-panel' });
    expect(byIom.message).not.toMatch(/marac|perpetrator|victim/i);
    expect(await confirm(tokens.marac)).toMatchObject({ status: 409, rule: 'marac-victim-and-perpetrator' });
    expect(await confirm(tokens.all)).toMatchObject({ status: 409, rule: 'marac-victim-and-perpetrator' });

    // Nothing was recorded: the two are two, and her case still names him.
    expect(await confirmations(reviewId)).toEqual([]);
    expect(await reviewAs(tokens.marac)).toMatchObject({ status: 'open', personIds: [perpetrator, victim] });
    expect(await perpetratorOf(marac.caseId)).toBe(perpetrator);
    // A reviewer can still record that they are two people.
    const rejected = await client.post(`/v1/people/match-reviews/${reviewId}/reject`, tokens.marac, {
      reason: 'she named him as her abuser',
    });
    expect(rejected.status).toBe(200);
  });

  it('follows the naming: once his record is split off the man it joined, that man and she are a question again', async () => {
    const { her, him, nominal } = household('Chynoweth', 'N17 6AE', '22 Elm Road');
    const nominalCase = await client.refer(tokens.iom, iomReferral({}, { person: nominal(6421) }));
    const herIom = await client.refer(tokens.iom, iomReferral({}, { person: her, referredAt: '2024-03-02T10:00:00Z' }));
    const marac = await client.refer(tokens.marac, maracReferral({ person: her }, { perpetrator: him }));
    const [victim, nominalId] = [herIom.personId, nominalCase.personId];
    expect(marac.perpetratorPersonId).toBe(nominalId);
    const reviewId = await proposedReviewId(api, victim, nominalId);
    expect(reviewOfPair(await matchReviewQueue(client, tokens.iom), victim, nominalId)).toBeUndefined();

    // MARAC finds its referral named another Samuel: his record goes to a person of its own.
    const seen = await client.personView<{ records: { recordId: string; panel: string }[] }>(tokens.marac, nominalId);
    const split = await client.post(`/v1/people/${nominalId}/split`, tokens.marac, {
      reason: 'The Samuel on the police log is not the IOM nominal',
      recordIds: seen.records.filter((r) => r.panel === 'MARAC').map((r) => r.recordId),
    });
    expect(split.status).toBe(200);
    const named = split.body.intoPersonId as string;
    expect(await perpetratorOf(marac.caseId)).toBe(named);

    expect(reviewOfPair(await matchReviewQueue(client, tokens.iom), victim, nominalId)?.id).toBe(reviewId);
    const review = (await client.get(`/v1/people/match-reviews/${reviewId}`, tokens.all).expect(200)).body;
    expect(review.notInQueue).toBeUndefined();
  });

  it('links a later record close to both to neither: it is registered anew and proposed against each', async () => {
    const { her, him } = household('Pendarves', 'N17 6AF', '24 Elm Road');
    const marac = await client.refer(tokens.marac, maracReferral({ person: her }, { perpetrator: him }));
    const [victim, perpetrator] = [marac.personId, marac.perpetratorPersonId as string];
    // "Sam", no sex given, born between their birthdays: as close to her as to him.
    const sam = {
      forenames: 'Sam',
      surname: 'Pendarves',
      dateOfBirth: '1989-11-12',
      postcode: him.postcode,
      address: him.address,
    };
    const later = await client.refer(
      tokens.all,
      iomReferral({}, { person: { ...sam, identifiers: { pnc: syntheticPnc(6431) } } }),
    );

    expect([victim, perpetrator]).not.toContain(later.personId);
    const queue = await matchReviewQueue(client, tokens.all);
    expect(reviewOfPair(queue, later.personId, victim)).toBeDefined();
    expect(reviewOfPair(queue, later.personId, perpetrator)).toBeDefined();
    expect(await proposedBetween(victim, perpetrator)).toBe(false);
  });
});
