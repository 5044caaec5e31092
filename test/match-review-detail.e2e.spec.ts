import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { matchReviewQueue, queuedReviewOf, type MatchReview as Review } from './support/match-reviews';
import { hollingsworth } from './support/people';
import { iomReferral, maracReferral } from './support/referrals';
import { AUDITOR, COORDINATOR_ALL_PANELS, IOM_ONLY_COORDINATOR } from './support/tokens';

/** Another reviewer, whose decision reached the log from another API process. */
const OTHER_REVIEWER = { id: 'coordinator-2', name: 'Robin Reviewer', agency: 'Probation', roles: ['coordinator'] };

/**
 * What a reviewer or an auditor relies on when they look at one review: what was proposed, who
 * decided it, when and why, and whether the decision took effect (decisions about different pairs
 * race, and the log settles which holds). Withheld exactly as in the queue. Synthetic people only.
 */
describe('one match review, open or decided', () => {
  const { api, client, tokens } = apiForSuite({
    all: COORDINATOR_ALL_PANELS,
    iomOnly: IOM_ONLY_COORDINATOR,
    auditor: AUDITOR,
  });

  const referred = async (panel: 'IOM' | 'MARAC', surname: string, dateOfBirth: string, postcode: string) => {
    const person = hollingsworth({ surname, dateOfBirth, postcode });
    const body = panel === 'IOM' ? iomReferral({}, { person }) : maracReferral({ person }, { perpetrator: undefined });
    const response = await client.post('/v1/referrals', tokens.all, body);
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 201 });
    return (response.body as { personId: string }).personId;
  };
  const queue = (token = tokens.all) => matchReviewQueue(client, token);
  const reviewOf = (x: string, y: string, token = tokens.all) => queuedReviewOf(client, token, x, y);
  const decided = async (id: string, decision: 'confirm' | 'reject' | 'reopen', reason: string) => {
    const response = await client.post(`/v1/people/match-reviews/${id}/${decision}`, tokens.all, { reason });
    expect({ status: response.status, body: response.body }).toMatchObject({ status: 200 });
  };
  const view = (id: string, token = tokens.all) => client.get(`/v1/people/match-reviews/${id}`, token);

  /** Three records one date-of-birth digit apart, at three addresses: each pair is in the review band. */
  const threeAlike = async (surname: string, born: string) => {
    const a = await referred('IOM', surname, `${born}2`, 'W3 7QS');
    const b = await referred('IOM', surname, `${born}3`, 'SE15 4QF');
    const c = await referred('IOM', surname, `${born}4`, 'TW1 3QS');
    return { a, b, c, ab: await reviewOf(a, b), bc: await reviewOf(b, c), ac: await reviewOf(a, c) };
  };

  /** A decision another process decided on older facts, recorded after this one's (as in a race). */
  const recordedElsewhere = async (review: Review, type: 'match-confirmed' | 'match-rejected', data: object) => {
    const at = new Date().toISOString();
    const { position } = await api.app.get<symbol, EventStore>(EVENT_STORE).append(
      `personmatch-${review.id}`,
      [
        {
          id: randomUUID(),
          type,
          data: { proposalId: review.id, personIds: review.personIds, occurredAt: at, ...data },
          metadata: {
            actor: OTHER_REVIEWER,
            correlationId: randomUUID(),
            causationId: randomUUID(),
            occurredAt: at,
            recordedAt: at,
            schemaVersion: 1,
          },
        },
      ],
      { expected: 'any' },
    );
    // Viewed once the index has folded it.
    return request(api.app.getHttpServer())
      .get(`/v1/people/match-reviews/${review.id}`)
      .set('Authorization', `Bearer ${tokens.all}`)
      .set('X-Min-Position', String(position))
      .expect(200);
  };

  const byCoordinator = { id: COORDINATOR_ALL_PANELS.sub, name: 'Casey Coordinator', agency: 'Metropolitan Police' };
  const decision = (reason: string, tookEffect = true) => ({
    decidedBy: byCoordinator,
    reason,
    decidedAt: expect.any(String),
    recordedAt: expect.any(String),
    tookEffect,
  });

  it('shows an open review as the queue shows it, with no decision', async () => {
    const { ab } = await threeAlike('Kitto', '1981-04-1');
    const shown = await view(ab.id).expect(200);
    expect(shown.body).toEqual({ ...ab, status: 'open' });
    expect(ab.score).toEqual(expect.any(Number));
  });

  it('keeps a confirmed review in view: who merged whom, when and why', async () => {
    const { a, b, ab } = await threeAlike('Spargo', '1979-11-1');
    await decided(ab.id, 'confirm', 'Same NHS number on the GP letter');
    const shown = await view(ab.id).expect(200);
    expect(shown.body).toEqual({
      ...ab,
      personIds: [a, a],
      status: 'confirmed',
      decision: decision('Same NHS number on the GP letter'),
    });
    expect(b).not.toBe(a);
  });

  it('keeps a rejected review in view, with the reviewer and the reason', async () => {
    const { ab } = await threeAlike('Hocking', '1986-02-1');
    await decided(ab.id, 'reject', 'Different mothers on the birth records');
    const shown = await view(ab.id).expect(200);
    expect(shown.body).toEqual({
      ...ab,
      status: 'rejected',
      decision: decision('Different mothers on the birth records'),
    });
    expect(Date.parse(shown.body.decision.recordedAt as string)).not.toBeNaN();
  });

  it('says a confirmation recorded after a rejection that keeps the two apart merged nobody, and which rejection', async () => {
    const { a, c, ab, bc, ac } = await threeAlike('Rowse', '1983-07-1');
    await decided(ab.id, 'confirm', 'Same man per probation');
    await decided(ac.id, 'reject', 'Different mothers on the birth records');
    // Decided while B and C were still apart (B is A now, registered first: A survives).
    const shown = await recordedElsewhere(bc, 'match-confirmed', {
      survivorId: a,
      mergedId: c,
      reason: 'Looks like the same man',
    });
    expect(shown.body).toEqual({
      ...bc,
      personIds: [a, c],
      status: 'confirmed-merged-nobody',
      decision: {
        decidedBy: { id: OTHER_REVIEWER.id, name: OTHER_REVIEWER.name, agency: OTHER_REVIEWER.agency },
        reason: 'Looks like the same man',
        decidedAt: expect.any(String),
        recordedAt: expect.any(String),
        tookEffect: false,
        noEffect: { rule: 'match-rejected-before', rejectionReviewId: ac.id },
      },
    });
    expect((await client.get(`/v1/people/${c}`, tokens.all).expect(200)).body.mergedInto).toBeUndefined();
  });

  it('says a rejection recorded after confirmations made the two one person kept no one apart', async () => {
    const { a, ab, bc, ac } = await threeAlike('Tremayne', '1975-09-1');
    await decided(ab.id, 'confirm', 'Same man per probation');
    await decided(bc.id, 'confirm', 'Same PNC on both records');
    const shown = await recordedElsewhere(ac, 'match-rejected', { reason: 'Different fathers' });
    expect(shown.body).toMatchObject({
      personIds: [a, a],
      status: 'rejected-kept-no-one-apart',
      decision: { reason: 'Different fathers', tookEffect: false, noEffect: { rule: 'undo-the-merge-first' } },
    });
  });

  const restoredBy = (personId: string, restore: string, reason: string) =>
    client.post(`/v1/people/${personId}/split`, tokens.all, { restore, reason }).then((split) => {
      expect({ status: split.status, body: split.body }).toMatchObject({ status: 200 });
      return split.body as { position: number };
    });
  const undoneBy = (personId: string, reason: string, position: number) => ({
    position,
    personId,
    by: byCoordinator,
    reason,
    at: expect.any(String),
    recordedAt: expect.any(String),
  });

  it('says a confirmation whose merge a restoring split undid was undone, by whom and why', async () => {
    const { a, b, c, ab, bc, ac } = await threeAlike('Treloar', '1978-05-1');
    await decided(ab.id, 'confirm', 'Same man per probation');
    const split = await restoredBy(a, b, 'Different mothers after all');
    const undone = {
      ...ab,
      personIds: [a, b],
      status: 'confirmed-undone',
      decision: {
        ...decision('Same man per probation'),
        undoneBy: undoneBy(a, 'Different mothers after all', split.position),
      },
    };
    expect((await view(ab.id).expect(200)).body).toEqual(undone);

    // Other reviews making A and B one again do not redo this one: it stays undone until reopened.
    await decided(ac.id, 'confirm', 'Same PNC on both records');
    await decided(bc.id, 'confirm', 'Same NHS number');
    expect((await client.get(`/v1/people/${b}`, tokens.all).expect(200)).body.personId).toBe(a);
    expect((await view(ab.id).expect(200)).body).toEqual({ ...undone, personIds: [a, a] });
    expect(c).not.toBe(a);
  });

  it('keeps the decisions a reopening took back, in log order, with the reopening', async () => {
    const { a, b, ab } = await threeAlike('Pascoe', '1984-08-1');
    await decided(ab.id, 'confirm', 'Same man per probation');
    const split = await restoredBy(a, b, 'Merged the brother by mistake');
    await decided(ab.id, 'reopen', 'Split was right; decide again');
    await decided(ab.id, 'reject', 'Brothers: different forenames on the birth records');
    await decided(ab.id, 'reopen', 'Birth records were the cousins’');
    const reopened = (reason: string) => ({
      by: byCoordinator,
      reason,
      at: expect.any(String),
      recordedAt: expect.any(String),
    });
    expect((await view(ab.id).expect(200)).body).toEqual({
      ...ab,
      status: 'open',
      earlierDecisions: [
        {
          decision: 'confirmed',
          ...decision('Same man per probation'),
          undoneBy: undoneBy(a, 'Merged the brother by mistake', split.position),
          reopened: reopened('Split was right; decide again'),
        },
        {
          decision: 'rejected',
          ...decision('Brothers: different forenames on the birth records'),
          reopened: reopened('Birth records were the cousins’'),
        },
      ],
    });
  });

  it('says why an open review is not in the queue', async () => {
    const { a, ab, bc, ac } = await threeAlike('Bolitho', '1990-01-1');
    await decided(ab.id, 'confirm', 'Same man per probation');
    await decided(bc.id, 'confirm', 'Same PNC on both records');
    expect((await queue()).map((r) => r.id)).not.toContain(ac.id);
    const shown = await view(ac.id).expect(200);
    expect(shown.body).toEqual({
      ...ac,
      personIds: [a, a],
      status: 'open',
      notInQueue: { rule: 'already-one-person' },
    });
  });

  /**
   * A MARAC victim at N1 9GU, merged with an IOM record at W3 7QS; a newcomer at the victim's
   * postcode, born five years after them (a birth date one digit from both records would join him).
   */
  const newcomerAtVictimsPostcode = async (surname: string, born: string, newcomerBorn: string) => {
    const offender = await referred('IOM', surname, `${born}1`, 'W3 7QS');
    const victim = await referred('MARAC', surname, `${born}2`, 'N1 9GU');
    await decided((await reviewOf(offender, victim)).id, 'confirm', 'Same man per probation');
    return { offender, newcomer: await referred('IOM', surname, newcomerBorn, 'N1 9GU') };
  };

  it('withholds from a reader outside MARAC what the queue withholds, and the reason that may say it', async () => {
    const { offender, newcomer } = await newcomerAtVictimsPostcode('Penrose', '1982-10-1', '1987-10-14');
    const asMarac = await reviewOf(offender, newcomer);
    const asIom = await reviewOf(offender, newcomer, tokens.iomOnly);
    expect(asMarac.levels.residence).toBe('postcode');
    expect(asIom).not.toHaveProperty('score');

    expect((await view(asMarac.id, tokens.iomOnly).expect(200)).body).toEqual({ ...asIom, status: 'open' });
    await decided(asMarac.id, 'reject', 'Lives at the victim’s address in N1 9GU');
    expect((await view(asMarac.id, tokens.iomOnly).expect(200)).body).toEqual({
      ...asIom,
      status: 'rejected',
      decision: {
        decidedBy: byCoordinator,
        decidedAt: expect.any(String),
        recordedAt: expect.any(String),
        tookEffect: true,
        reasonWithheld: true,
      },
    });
    expect((await view(asMarac.id).expect(200)).body).toEqual({
      ...asMarac,
      status: 'rejected',
      decision: decision('Lives at the victim’s address in N1 9GU'),
    });
  });

  it('withholds the reasons of undoing splits, reopenings and earlier decisions as it withholds a decision’s', async () => {
    const { offender, newcomer } = await newcomerAtVictimsPostcode('Chegwidden', '1981-03-1', '1986-03-14');
    const review = await reviewOf(offender, newcomer);
    await decided(review.id, 'confirm', 'Both at the victim’s flat in N1 9GU');
    const split = await restoredBy(offender, newcomer, 'He only visits N1 9GU');
    const withheld = {
      by: byCoordinator,
      at: expect.any(String),
      recordedAt: expect.any(String),
      reasonWithheld: true,
    };
    const confirmation = {
      decidedBy: byCoordinator,
      decidedAt: expect.any(String),
      recordedAt: expect.any(String),
      tookEffect: true,
      reasonWithheld: true,
      undoneBy: { position: split.position, personId: offender, ...withheld },
    };
    const asIom = await view(review.id, tokens.iomOnly).expect(200);
    expect(asIom.body).toMatchObject({ status: 'confirmed-undone', decision: confirmation });
    expect(JSON.stringify(asIom.body)).not.toContain('N1 9GU');

    await decided(review.id, 'reopen', 'Neighbours in N1 9GU, not one man');
    const reopenedAsIom = await view(review.id, tokens.iomOnly).expect(200);
    expect(reopenedAsIom.body.earlierDecisions).toEqual([
      { decision: 'confirmed', ...confirmation, reopened: withheld },
    ]);
    expect(JSON.stringify(reopenedAsIom.body)).not.toContain('N1 9GU');
    expect((await view(review.id).expect(200)).body.earlierDecisions[0]).toMatchObject({
      reason: 'Both at the victim’s flat in N1 9GU',
      undoneBy: { reason: 'He only visits N1 9GU' },
      reopened: { reason: 'Neighbours in N1 9GU, not one man' },
    });
  });

  it('answers 404 for a review nobody made, or of a person the reader cannot see', async () => {
    const unknown = await view(randomUUID()).expect(404);
    expect(unknown.body).toMatchObject({ rule: 'match-review-exists' });
    const victim = await referred('MARAC', 'Carveth', '1984-05-11', 'N1 9GU');
    const offender = await referred('IOM', 'Carveth', '1984-05-12', 'W3 7QS');
    const review = await reviewOf(offender, victim);
    // Whether a review of a MARAC victim exists is not the IOM reader's to learn.
    const hidden = await view(review.id, tokens.iomOnly).expect(404);
    expect(hidden.body).toMatchObject({ rule: 'match-review-exists' });
  });

  it('answers 400 naming the path parameter that is not a UUID', async () => {
    const malformed = await view('12345').expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'id', rule: 'isUuid' })]);
  });

  it('records the view in the read audit trail, as the queue is', async () => {
    const { ab } = await threeAlike('Pengelly', '1977-03-1');
    const searches = async () =>
      (
        await request(api.app.getHttpServer())
          .get(`/v1/audit/trail?action=search&actor=${COORDINATOR_ALL_PANELS.sub}&limit=500`)
          .set('Authorization', `Bearer ${tokens.auditor}`)
          .expect(200)
      ).body.items as { action: string }[];
    const before = (await searches()).length;
    await view(ab.id).expect(200);
    expect(await searches()).toHaveLength(before + 1);
  });
});
