import type { Response } from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { matchReviewQueue, reviewOfPair as reviewOf, type MatchReview as Review } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { rejectedByIom } from './support/iom-cases';
import { iomReferral, maracReferral } from './support/referrals';
import { COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR } from './support/tokens';

/**
 * What reviewers rely on when they decide about people: a decision, once made, holds (a rejected
 * pair does not come back through a third record) until a reviewer reopens it with a reason (so a
 * mistaken rejection or unmerge is never permanent); a coordinator can only pull apart what their
 * own panels hold, and a split never leaves a person nobody can name or see. Synthetic people only.
 */
describe('reviewing person matches', () => {
  const { api, client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS, iomOnly: IOM_ONLY_COORDINATOR });

  /** The same man as recorded on one panel: only his date of birth and postcode vary. */
  const referred = async (
    panel: 'IOM' | 'MARAC',
    surname: string,
    dateOfBirth: string,
    postcode: string,
    forenames = 'Robert',
  ) => {
    const person = hollingsworth({ forenames, surname, dateOfBirth, postcode });
    const body = panel === 'IOM' ? iomReferral({}, { person }) : maracReferral({ person }, { perpetrator: undefined });
    const response = await client.post('/v1/referrals', tokens.all, body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return response.body as { personId: string; caseId: string };
  };
  const queue = (token = tokens.all) => matchReviewQueue(client, token);
  const succeeds = async (url: string, token: string, body: Record<string, unknown>) => {
    const response = await client.post(url, token, body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
  };
  const expectAnswer = (response: Response, status: number, problem: Record<string, unknown>) =>
    expect({ status: response.status, body: response.body }).toEqual({
      status,
      body: expect.objectContaining(problem),
    });
  const decide = (id: string | undefined, decision: 'confirm' | 'reject' | 'reopen', reason: string) =>
    client.post(`/v1/people/match-reviews/${id}/${decision}`, tokens.all, { reason });
  const personAs = async (id: string) => (await client.get(`/v1/people/${id}`, tokens.all).expect(200)).body;
  const caseIdsOf = (person: { cases: { caseId: string }[] }) => person.cases.map((c) => c.caseId).sort();

  it('keeps a rejected pair apart when a third record that matched both is merged into one of them', async () => {
    // Three records one date-of-birth digit apart: each pair lands in the review band.
    const a = await referred('IOM', 'Tresize', '1979-03-22', 'W3 7QS');
    const b = await referred('MARAC', 'Tresize', '1979-03-23', 'N1 9GU');
    const c = await referred('IOM', 'Tresize', '1979-03-24', 'SE1 9GU');
    const before = await queue();
    const ab = reviewOf(before, a.personId, b.personId);
    const ac = reviewOf(before, a.personId, c.personId);
    const bc = reviewOf(before, b.personId, c.personId);
    expect([ab, ac, bc].every((r) => r !== undefined)).toBe(true);

    await succeeds(`/v1/people/match-reviews/${ab?.id}/reject`, tokens.all, {
      reason: 'Different mothers on the birth records',
    });
    await succeeds(`/v1/people/match-reviews/${ac?.id}/confirm`, tokens.all, {
      reason: 'Same NHS number on the GP letter',
    });

    // The B–C proposal now stands for A and B, the pair a reviewer said are two people.
    expect(reviewOf(await queue(), a.personId, b.personId)).toBeUndefined();
    const confirmed = await client.post(`/v1/people/match-reviews/${bc?.id}/confirm`, tokens.all, {
      reason: 'Looks like the same man',
    });
    expectAnswer(confirmed, 409, { rule: 'match-rejected-before' });
    const stillApart = await client.get(`/v1/people/${b.personId}`, tokens.all).expect(200);
    expect(stillApart.body.personId).toBe(b.personId);
    expect(stillApart.body.mergedInto).toBeUndefined();

    // Once C is split off again, B–C is a question of its own again.
    await succeeds(`/v1/people/${a.personId}/split`, tokens.all, {
      restore: c.personId,
      reason: 'GP letter was for a cousin',
    });
    expect(reviewOf(await queue(), b.personId, c.personId)?.id).toBe(bc?.id);
  });

  it('lets a coordinator split off only what their own panels hold', async () => {
    const offender = await referred('IOM', 'Nancarrow', '1981-06-11', 'W3 7QS');
    const victim = await referred('MARAC', 'Nancarrow', '1981-06-12', 'N1 9GU');
    const review = reviewOf(await queue(), offender.personId, victim.personId);
    await succeeds(`/v1/people/match-reviews/${review?.id}/confirm`, tokens.all, { reason: 'Same man per probation' });
    const merged = await client.get(`/v1/people/${offender.personId}`, tokens.iomOnly).expect(200);
    const maracRecord = (merged.body.records as { recordId: string; panel: string }[]).find((r) => r.panel === 'MARAC');
    expect(maracRecord).toBeDefined();

    const url = `/v1/people/${offender.personId}/split`;
    const reason = 'Not the same man';
    expectAnswer(await client.post(url, tokens.iomOnly, { reason, restore: victim.personId }), 403, {
      rule: 'split-within-your-panels',
    });
    expectAnswer(await client.post(url, tokens.iomOnly, { reason, recordIds: [maracRecord?.recordId] }), 403, {
      rule: 'split-within-your-panels',
    });
    expectAnswer(await client.post(url, tokens.iomOnly, { reason, caseIds: [victim.caseId] }), 403, {
      rule: 'split-within-your-panels',
    });
    const unchanged = await client.get(`/v1/people/${victim.personId}`, tokens.all).expect(200);
    expect(unchanged.body).toMatchObject({ personId: offender.personId, mergedInto: offender.personId });
    expect(unchanged.body.records).toHaveLength(2);

    // A coordinator of both panels may.
    await succeeds(url, tokens.all, { reason, restore: victim.personId });
    const restored = await client.get(`/v1/people/${victim.personId}`, tokens.all).expect(200);
    expect(restored.body.mergedInto).toBeUndefined();
  });

  it('splits off one record named twice, as if named once', async () => {
    const first = await referred('IOM', 'Rosevear', '1984-12-01', 'TW1 3QS');
    await rejectedByIom(client, tokens.all, first.caseId);
    const again = await referred('IOM', 'Rosevear', '1984-12-01', 'TW1 3QS');
    expect(again.personId).toBe(first.personId);
    const person = await client.get(`/v1/people/${first.personId}`, tokens.all).expect(200);
    const record = (person.body.records as { recordId: string; caseId?: string }[]).find(
      (r) => r.caseId === again.caseId,
    );
    const split = await client.post(`/v1/people/${first.personId}/split`, tokens.all, {
      reason: 'Second referral was his brother',
      recordIds: [record?.recordId, record?.recordId],
      caseIds: [again.caseId],
    });
    expect({ status: split.status, body: split.body }).toMatchObject({ status: 200 });
    const left = await client.get(`/v1/people/${first.personId}`, tokens.all).expect(200);
    expect(left.body.records).toHaveLength(1);
  });

  it('takes back a rejection: the pair is back in the queue and confirming it merges them', async () => {
    const known = await referred('IOM', 'Polglase', '1991-04-17', 'W3 7QS');
    const other = await referred('IOM', 'Polglase', '1991-04-18', 'SE15 4QF');
    const review = reviewOf(await queue(), known.personId, other.personId);
    expect(review).toBeDefined();
    expectAnswer(await decide(review?.id, 'reopen', 'Nothing to reopen yet'), 409, { rule: 'match-proposal-decided' });

    await succeeds(`/v1/people/match-reviews/${review?.id}/reject`, tokens.all, {
      reason: 'Different fathers on the records',
    });
    expect(reviewOf(await queue(), known.personId, other.personId)).toBeUndefined();
    const noReason = await client.post(`/v1/people/match-reviews/${review?.id}/reopen`, tokens.all, {});
    expect({ status: noReason.status, errors: noReason.body.errors }).toEqual({
      status: 400,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'reason' })]),
    });
    expectAnswer(await decide(review?.id, 'reopen', 'The birth record was misread'), 200, { status: 'open' });
    const history = await api.app.get<symbol, EventStore>(EVENT_STORE).readStream(`personmatch-${review?.id}`);
    expect(history.at(-1)).toMatchObject({
      type: 'match-reopened',
      data: { previously: 'rejected', reason: 'The birth record was misread' },
      metadata: { actor: { id: COORDINATOR_ALL_PANELS.sub } },
    });
    expect(reviewOf(await queue(), known.personId, other.personId)?.id).toBe(review?.id);

    expectAnswer(await decide(review?.id, 'confirm', 'Same NHS number on the GP letter'), 200, {
      survivorId: known.personId,
      mergedId: other.personId,
    });
    expect(await personAs(other.personId)).toMatchObject({ personId: known.personId, mergedInto: known.personId });
    // Still one person: reopening would offer to merge them with themselves.
    expectAnswer(await decide(review?.id, 'reopen', 'Changed my mind'), 409, { rule: 'undo-the-merge-first' });
  });

  it('undoes an accidental unmerge: after a restoring split the pair can be reopened and merged again', async () => {
    const older = await referred('IOM', 'Trewhella', '1983-09-02', 'W3 7QS');
    const newer = await referred('MARAC', 'Trewhella', '1983-09-03', 'N1 9GU');
    const review = reviewOf(await queue(), older.personId, newer.personId);
    await succeeds(`/v1/people/match-reviews/${review?.id}/confirm`, tokens.all, { reason: 'Same man per probation' });
    await succeeds(`/v1/people/${older.personId}/split`, tokens.all, {
      restore: newer.personId,
      reason: 'Pressed split on the wrong person',
    });
    expect((await personAs(newer.personId)).mergedInto).toBeUndefined();

    // Whoever may decide the pair may reopen it: an IOM-only coordinator cannot see the MARAC person.
    const hidden = await client.post(`/v1/people/match-reviews/${review?.id}/reopen`, tokens.iomOnly, { reason: 'x' });
    expectAnswer(hidden, 404, { rule: 'match-review-exists' });
    expectAnswer(await decide(review?.id, 'reopen', 'The unmerge was a slip'), 200, { status: 'open' });
    expect(reviewOf(await queue(), older.personId, newer.personId)?.id).toBe(review?.id);
    expectAnswer(await decide(review?.id, 'confirm', 'Same man per probation, again'), 200, {
      survivorId: older.personId,
      mergedId: newer.personId,
    });

    const merged = await personAs(newer.personId);
    expect(merged).toMatchObject({ personId: older.personId, mergedInto: older.personId });
    expect(caseIdsOf(merged)).toEqual([older.caseId, newer.caseId].sort());
    const newerCase = await client.get(`/v1/cases/${newer.caseId}`, tokens.all).expect(200);
    expect(newerCase.body.personId).toBe(older.personId);
  });

  it('refuses a split that would make a new person without a record or without a case, and changes nothing', async () => {
    const first = await referred('IOM', 'Chenoweth', '1987-02-09', 'TW1 3QS');
    await rejectedByIom(client, tokens.all, first.caseId);
    const again = await referred('IOM', 'Chenoweth', '1987-02-09', 'TW1 3QS');
    expect(again.personId).toBe(first.personId);
    const before = await personAs(first.personId);
    const record = (before.records as { recordId: string; caseId?: string }[]).find((r) => r.caseId === again.caseId);
    const url = `/v1/people/${first.personId}/split`;
    const reason = 'Second referral was his brother';

    const noRecord = await client.post(url, tokens.all, { reason, caseIds: [again.caseId] });
    expect({ status: noRecord.status, errors: noRecord.body.errors }).toEqual({
      status: 400,
      errors: [expect.objectContaining({ field: 'recordIds', rule: 'new-person-needs-a-record' })],
    });
    const noCase = await client.post(url, tokens.all, { reason, recordIds: [record?.recordId] });
    expect({ status: noCase.status, errors: noCase.body.errors }).toEqual({
      status: 400,
      errors: [expect.objectContaining({ field: 'caseIds', rule: 'new-person-needs-a-case' })],
    });
    const after = await personAs(first.personId);
    expect({ records: after.records, cases: caseIdsOf(after) }).toEqual({
      records: before.records,
      cases: caseIdsOf(before),
    });
  });

  it('refuses an unmerge that would also carry off everything the surviving person has left', async () => {
    const older = await referred('IOM', 'Tregenza', '1978-05-14', 'W3 7QS');
    const newer = await referred('MARAC', 'Tregenza', '1978-05-15', 'N1 9GU');
    const review = reviewOf(await queue(), older.personId, newer.personId);
    await succeeds(`/v1/people/match-reviews/${review?.id}/confirm`, tokens.all, { reason: 'Same man per probation' });
    const url = `/v1/people/${older.personId}/split`;
    const reason = 'Merged in error';

    // The survivor's first record carries the survivor's id.
    const allRecords = await client.post(url, tokens.all, {
      reason,
      restore: newer.personId,
      recordIds: [older.personId],
    });
    expectAnswer(allRecords, 400, { rule: 'keep-at-least-one-record' });
    const allCases = await client.post(url, tokens.all, { reason, restore: newer.personId, caseIds: [older.caseId] });
    expectAnswer(allCases, 400, { rule: 'keep-at-least-one-case' });
    expect(await personAs(newer.personId)).toMatchObject({ mergedInto: older.personId });

    await succeeds(url, tokens.all, { reason, restore: newer.personId });
    expect(caseIdsOf(await personAs(older.personId))).toEqual([older.caseId]);
  });

  /** A MARAC victim at N1 9GU merged with an IOM record at W3 7QS: one person, two addresses. */
  const victimKnownToIom = async (surname: string, offenderBorn: string, victimBorn: string) => {
    const offender = await referred('IOM', surname, offenderBorn, 'W3 7QS');
    const victim = await referred('MARAC', surname, victimBorn, 'N1 9GU');
    const review = reviewOf(await queue(), offender.personId, victim.personId);
    await succeeds(`/v1/people/match-reviews/${review?.id}/confirm`, tokens.all, { reason: 'Same man per probation' });
    return { known: offender.personId, victim };
  };
  /** What a reader outside MARAC may see of a review measured against the victim's address. */
  const withoutResidence = ({ score: _score, ...review }: Review): Review => ({
    ...review,
    levels: Object.fromEntries(Object.entries(review.levels).filter(([level]) => level !== 'residence')),
    guards: review.guards.filter((g) => g !== 'twins' && g !== 'different-generation'),
  });

  it('does not tell a reviewer outside MARAC that a new referral shares the victim’s postcode', async () => {
    const { known } = await victimKnownToIom('Penhaligon', '1982-10-11', '1982-10-12');
    // The IOM-only reviewer sees W3 7QS on the person and N1 9GU on the newcomer, born five years
    // after them (a birth date one digit from both records would join him to the person).
    const newcomer = await referred('IOM', 'Penhaligon', '1987-10-14', 'N1 9GU');
    const asMarac = reviewOf(await queue(), known, newcomer.personId);
    expect(asMarac?.levels.residence).toBe('postcode');

    const asIom = reviewOf(await queue(tokens.iomOnly), known, newcomer.personId);
    expect(asIom).toBeDefined();
    expect(asIom?.levels).toEqual({ ...asMarac?.levels, residence: undefined });
    expect(asIom?.levels).not.toHaveProperty('residence');
    // The score sums the residence weight too: it would say the same.
    expect(asIom).not.toHaveProperty('score');
  });

  it('does not tell a reviewer outside MARAC that the victim shares a home with a twin', async () => {
    const { known } = await victimKnownToIom('Trevithick', '1985-04-21', '1985-04-22');
    // Same surname, birth date and postcode as the victim's record, another forename: "twins".
    const brother = await referred('IOM', 'Trevithick', '1985-04-22', 'N1 9GU', 'Jago');
    const asMarac = reviewOf(await queue(), known, brother.personId);
    expect(asMarac?.guards).toContain('twins');

    const asIom = reviewOf(await queue(tokens.iomOnly), known, brother.personId);
    expect(asIom).toBeDefined();
    expect(asIom?.guards).toEqual(asMarac?.guards.filter((g) => g !== 'twins' && g !== 'different-generation'));
  });

  // Levels are measured when the proposal is made: taking the victim's record away later does not
  // unsay that the newcomer's postcode matched hers.
  it.each([
    [
      'unmerged',
      'Carlyon',
      '1980-02-1',
      '1985-02-14',
      (victim: { personId: string }) => ({ restore: victim.personId }),
    ],
    [
      'split off to a new person',
      'Pascoe',
      '1977-08-2',
      '1982-08-24',
      (victim: { personId: string; caseId: string }) => ({ recordIds: [victim.personId], caseIds: [victim.caseId] }),
    ],
  ])(
    'keeps the residence level and the score from a reviewer outside MARAC after the victim is %s',
    async (_how, surname, bornInDays, newcomerBorn, split) => {
      const { known, victim } = await victimKnownToIom(surname, `${bornInDays}1`, `${bornInDays}2`);
      const newcomer = await referred('IOM', surname, newcomerBorn, 'N1 9GU');
      const measured = reviewOf(await queue(), known, newcomer.personId);
      expect(measured?.levels.residence).toBe('postcode');

      await succeeds(`/v1/people/${known}/split`, tokens.all, { reason: 'Two different men', ...split(victim) });
      expect((await personAs(known)).records).toHaveLength(1);
      const asIom = reviewOf(await queue(tokens.iomOnly), known, newcomer.personId);
      expect(asIom).toEqual(measured && withoutResidence(measured));
      expect(asIom).not.toHaveProperty('score');
      expect(reviewOf(await queue(), known, newcomer.personId)).toEqual(measured);
    },
  );

  it('names the path parameter that is not a UUID', async () => {
    const field = (response: Response) => (response.body.errors as { field: string }[] | undefined)?.[0]?.field;
    const person = await client.get('/v1/people/not-a-uuid', tokens.all);
    expect({ status: person.status, field: field(person) }).toEqual({ status: 400, field: 'personId' });
    const split = await client.post('/v1/people/not-a-uuid/split', tokens.all, { reason: 'x', restore: undefined });
    expect({ status: split.status, field: field(split) }).toEqual({ status: 400, field: 'personId' });
    for (const decision of ['confirm', 'reject', 'reopen']) {
      const review = await client.post(`/v1/people/match-reviews/12345/${decision}`, tokens.all, { reason: 'x' });
      expect({ status: review.status, field: field(review) }).toEqual({ status: 400, field: 'id' });
    }
  });
});
