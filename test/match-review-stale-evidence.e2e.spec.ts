import { apiForSuite } from './support/api-suite';
import { rejectedByIom } from './support/iom-cases';
import { matchReviewQueue, queuedReviewOf, reviewOfPair } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A match review is the matcher's score of one referral's record against a person. Once a split
 * has moved that record off the person it was proposed for, the score and levels describe someone
 * else: confirming would merge people the matcher never compared. Synthetic people only.
 */
describe('a match review whose compared record was split off since', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const answer = (r: { status: number; body: { rule?: string; message?: string } }) => ({
    status: r.status,
    rule: r.body.rule,
    message: r.body.message,
  });
  const review = (id: string) => client.get(`/v1/people/match-reviews/${id}`, tokens.all);
  const decide = (id: string, decision: 'confirm' | 'reject' | 'reopen', reason = 'reviewed') =>
    client.post(`/v1/people/match-reviews/${id}/${decision}`, tokens.all, { reason });
  const inQueue = async (id: string) => (await matchReviewQueue(client, tokens.all)).some((r) => r.id === id);
  type Named = (dateOfBirth: string, postcode: string) => ReturnType<typeof person>;
  /** A further MARAC referral of someone `named`, born and living as given. */
  const referAgain = (named: Named, [dateOfBirth, postcode]: [string, string], referredAt: string) =>
    client.refer(
      tokens.all,
      maracReferral({ person: named(dateOfBirth, postcode), referredAt }, { perpetrator: undefined }),
    );
  /**
   * A (IOM) and B (MARAC) proposed as one; a second MARAC referral joins B; then B's registration
   * record (the one scored against A) is split off with its case, as someone else.
   */
  const scoredRecordSplitOff = async (named: Named, born: Record<'a' | 'b' | 'again', [string, string]>) => {
    const a = await client.refer(tokens.all, iomReferral({}, { person: named(...born.a) }));
    const b = await client.refer(tokens.all, maracReferral({ person: named(...born.b) }, { perpetrator: undefined }));
    expect(b.personId).not.toBe(a.personId);
    const proposed = await queuedReviewOf(client, tokens.all, a.personId, b.personId);
    const again = await referAgain(named, born.again, '2024-06-02T09:00:00Z');
    expect(again.personId).toBe(b.personId);
    const split = await client.post(`/v1/people/${b.personId}/split`, tokens.all, {
      reason: 'the first MARAC referral was someone else',
      recordIds: [b.personId],
      caseIds: [b.caseId],
    });
    expect(answer(split)).toMatchObject({ status: 200 });
    return { a, b, proposed, splitOffId: split.body.intoPersonId as string };
  };

  describe('proposed when the referral registered someone new', () => {
    const tristan = (dateOfBirth: string, postcode: string) =>
      person({ forenames: 'Tristan', surname: 'Polglase', sex: 'male', identifiers: undefined, dateOfBirth, postcode });

    it('leaves the queue, refuses confirming with 409 proposal-evidence-moved, and comes back once the split is undone', async () => {
      const { a, b, proposed, splitOffId } = await scoredRecordSplitOff(tristan, {
        a: ['1983-04-11', 'TR7 1AA'],
        b: ['1983-04-17', 'PL4 2BB'],
        again: ['1983-04-17', 'PL4 2BB'],
      });

      expect(await inQueue(proposed.id)).toBe(false);
      expect((await review(proposed.id).expect(200)).body).toMatchObject({
        status: 'open',
        personIds: [a.personId, b.personId],
        notInQueue: { rule: 'proposal-evidence-moved' },
      });
      const refused = answer(await decide(proposed.id, 'confirm', 'same man'));
      expect(refused).toMatchObject({ status: 409, rule: 'proposal-evidence-moved' });
      expect(refused.message).toMatch(/split off/);
      // Nothing was merged.
      expect((await client.get(`/v1/people/${b.personId}`, tokens.all).expect(200)).body.mergedInto).toBeUndefined();
      expect((await review(proposed.id).expect(200)).body.status).toBe('open');

      // Undoing the split gives B back the record the proposal was scored on.
      const restored = await client.post(`/v1/people/${b.personId}/split`, tokens.all, {
        reason: 'it was him after all',
        restore: splitOffId,
      });
      expect(answer(restored)).toMatchObject({ status: 200 });
      expect(await inQueue(proposed.id)).toBe(true);
      expect((await review(proposed.id).expect(200)).body.notInQueue).toBeUndefined();
      expect(answer(await decide(proposed.id, 'confirm', 'same man'))).toMatchObject({ status: 200 });
    });
  });

  describe('a later record of the second person that scores against the first', () => {
    // Born years after the Tristan Polglase above, who shares his postcode and nearly his surname.
    const tristan = (dateOfBirth: string, postcode: string) =>
      person({
        forenames: 'Tristan',
        surname: 'Polkinghorne',
        sex: 'male',
        identifiers: undefined,
        dateOfBirth,
        postcode,
      });

    it('puts the pair back before a reviewer, scored on that record, on the same review', async () => {
      const { a, b, proposed } = await scoredRecordSplitOff(tristan, {
        a: ['1987-09-11', 'TR7 1AA'],
        b: ['1987-09-17', 'PL4 2BB'],
        again: ['1987-09-17', 'PL1 3CC'],
      });
      expect((await review(proposed.id).expect(200)).body.notInQueue).toEqual({ rule: 'proposal-evidence-moved' });

      // B is referred again; the record links to B and reaches the review band against A.
      const third = await referAgain(tristan, ['1987-09-17', 'PL1 3CC'], '2024-08-02T09:00:00Z');
      expect(third.personId).toBe(b.personId);

      const reviewed = (await review(proposed.id).expect(200)).body;
      const queued = reviewOfPair(await matchReviewQueue(client, tokens.all), a.personId, b.personId);
      expect({ notInQueue: reviewed.notInQueue, status: reviewed.status, queued: queued?.id }).toEqual({
        notInQueue: undefined,
        status: 'open',
        queued: proposed.id,
      });
      // Scored on the record B holds now, not the one split off.
      expect(queued?.score).not.toBe(proposed.score);
      expect(answer(await decide(proposed.id, 'confirm', 'same man, moved to Plymouth'))).toMatchObject({
        status: 200,
      });
      expect((await client.get(`/v1/people/${b.personId}`, tokens.all).expect(200)).body.mergedInto).toBe(a.personId);
    });

    it('is not put back once a reviewer rejected it', async () => {
      const jago = (dateOfBirth: string, postcode: string) =>
        person({ forenames: 'Jago', surname: 'Trethewey', sex: 'male', identifiers: undefined, dateOfBirth, postcode });
      const { a, b, proposed } = await scoredRecordSplitOff(jago, {
        a: ['1983-04-11', 'TR7 1AA'],
        b: ['1983-04-17', 'PL4 2BB'],
        again: ['1983-04-17', 'PL1 3CC'],
      });
      expect(answer(await decide(proposed.id, 'reject', 'two men'))).toMatchObject({ status: 200 });

      const third = await referAgain(jago, ['1983-04-17', 'PL1 3CC'], '2024-08-02T09:00:00Z');
      expect(third.personId).toBe(b.personId);
      expect(reviewOfPair(await matchReviewQueue(client, tokens.all), a.personId, b.personId)).toBeUndefined();
      expect((await review(proposed.id).expect(200)).body.status).toBe('rejected');
    });
  });

  describe('proposed beside an automatic link', () => {
    /** P (registered), L (another person), and a third referral linked to P and proposed beside L. */
    async function linkedBesideAnother(forenames: string, surname: string) {
      const refer = (dateOfBirth: string, postcode: string) =>
        client.refer(
          tokens.all,
          iomReferral({}, { person: hollingsworth({ forenames, surname, dateOfBirth, postcode, sex: 'female' }) }),
        );
      const p = await refer('1991-03-08', 'N15 5BT');
      const l = await refer('1991-08-13', 'LS6 2QA');
      await rejectedByIom(client, tokens.all, p.caseId);
      const linked = await refer('1991-03-08', 'LS6 2QB');
      expect(linked.personId).toBe(p.personId);
      const proposed = reviewOfPair(await matchReviewQueue(client, tokens.all), p.personId, l.personId);
      expect(proposed).toBeDefined();
      const record = (await client.get(`/v1/people/${p.personId}`, tokens.all).expect(200)).body.records.find(
        (r: { caseId?: string }) => r.caseId === linked.caseId,
      ) as { recordId: string };
      return { p, l, linked, record, proposed: proposed! };
    }

    it('is stale once the linked record it was scored on is split off; rejecting it is still allowed', async () => {
      const { p, linked, record, proposed } = await linkedBesideAnother('Adaeze', 'Fairweather');
      const split = await client.post(`/v1/people/${p.personId}/split`, tokens.all, {
        reason: 'the Leeds referral was not her',
        recordIds: [record.recordId],
        caseIds: [linked.caseId],
      });
      expect(answer(split)).toMatchObject({ status: 200 });

      expect(await inQueue(proposed.id)).toBe(false);
      expect((await review(proposed.id).expect(200)).body.notInQueue).toEqual({ rule: 'proposal-evidence-moved' });
      expect(answer(await decide(proposed.id, 'confirm'))).toMatchObject({
        status: 409,
        rule: 'proposal-evidence-moved',
      });
      // A rejection merges nobody.
      expect(answer(await decide(proposed.id, 'reject', 'not the same woman'))).toMatchObject({ status: 200 });
    });

    it('stays in the queue when a split moves only records it was not scored on', async () => {
      const { p, l, proposed } = await linkedBesideAnother('Morwenna', 'Trevithick');
      const split = await client.post(`/v1/people/${p.personId}/split`, tokens.all, {
        reason: 'the Tottenham referral was someone else',
        recordIds: [p.personId],
        caseIds: [p.caseId],
      });
      expect(answer(split)).toMatchObject({ status: 200 });

      expect(await inQueue(proposed.id)).toBe(true);
      expect((await review(proposed.id).expect(200)).body.notInQueue).toBeUndefined();
      expect(answer(await decide(proposed.id, 'confirm', 'one woman, two addresses'))).toMatchObject({ status: 200 });
      // P was registered first, so L is merged into P.
      expect((await client.get(`/v1/people/${l.personId}`, tokens.all).expect(200)).body.mergedInto).toBe(p.personId);
    });
  });

  describe('confirmed, then undone by a restoring split', () => {
    it('answers a decision with 409 saying the merge was undone and that reopen re-opens it', async () => {
      const loveday = (dateOfBirth: string, postcode: string) =>
        person({
          forenames: 'Loveday',
          surname: 'Nankervis',
          sex: 'male',
          identifiers: undefined,
          dateOfBirth,
          postcode,
        });
      const a = await client.refer(tokens.all, iomReferral({}, { person: loveday('1984-04-11', 'TR7 1AA') }));
      const b = await client.refer(
        tokens.all,
        maracReferral({ person: loveday('1984-04-17', 'PL4 2BB') }, { perpetrator: undefined }),
      );
      const proposed = await queuedReviewOf(client, tokens.all, a.personId, b.personId);
      expect(answer(await decide(proposed.id, 'confirm'))).toMatchObject({ status: 200 });
      const undo = await client.post(`/v1/people/${a.personId}/split`, tokens.all, {
        reason: 'two men',
        restore: b.personId,
      });
      expect(answer(undo)).toMatchObject({ status: 200 });

      for (const decision of ['confirm', 'reject'] as const) {
        const refused = answer(await decide(proposed.id, decision));
        expect(refused).toMatchObject({ status: 409, rule: 'match-proposal-open' });
        expect(refused.message).not.toMatch(/already confirmed/);
        expect(refused.message).toMatch(/undone/);
        expect(refused.message).toMatch(/reopen/);
      }
      expect(answer(await decide(proposed.id, 'reopen'))).toMatchObject({ status: 200 });
      expect(answer(await decide(proposed.id, 'confirm'))).toMatchObject({ status: 200 });
    });
  });
});
