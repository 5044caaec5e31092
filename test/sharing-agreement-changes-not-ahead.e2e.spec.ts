import request from 'supertest';
import { sharingUsers } from './support/sharing';
import { sharingSuite } from './support/sharing-suite';

const { ADMIN, MARAC_C, PROBATION_ON_MARAC, AUDITOR } = sharingUsers('ahead');
const AHEAD = '2030-01-01T00:00:00Z';

/**
 * An agreement's changes are recorded once made (review s21-review-sharing, finding 2): dated
 * ahead, an expiry or a party's leaving read as done while the agreement kept sharing, and locked
 * it open, every change sooner answering 409.
 */
describe('sharing agreement changes dated ahead', () => {
  const sharing = sharingSuite({
    admin: ADMIN,
    discloser: MARAC_C,
    purpose: 'DSA changes dated ahead',
    readYourWrites: true,
    users: [ADMIN, MARAC_C, PROBATION_ON_MARAC, AUDITOR],
    victim: { forenames: 'Adaeze', surname: 'Nwosu', dateOfBirth: '1989-10-14' },
  });
  const send = sharing.send;
  const share = (dsaId: string, body: Record<string, unknown> = {}) => sharing.share(sharing.caseId(), dsaId, body);
  const refusal = (r: request.Response) => ({
    status: r.status,
    errors: ((r.body.errors ?? []) as { field: string; rule: string }[]).map((e) => `${e.field}:${e.rule}`),
  });
  const agreement = async (dsaId: string) => {
    const r = await send(AUDITOR, 'get', `/v1/sharing-agreements/${dsaId}`);
    const { expiredAt, parties, revision, inForceTo, reviewDate } = r.body;
    return { expiredAt, parties, revision, inForceTo, reviewDate };
  };
  const REFUSED = { status: 400, errors: ['occurredAt:dsa-change-not-in-future'] };

  it('refuses signing, an expiry, an added or removed party and a renewal dated ahead, and writes nothing', async () => {
    const signedAhead = await sharing.sign(['Metropolitan Police', 'Haringey Council'], { occurredAt: AHEAD });
    const dsaId = await sharing.signed(['Metropolitan Police', 'Haringey Council', 'Probation']);
    const before = await agreement(dsaId);
    const base = `/v1/sharing-agreements/${dsaId}`;
    const changes = {
      expire: await send(ADMIN, 'post', `${base}/expire`, { reason: 'Ends', occurredAt: AHEAD }),
      add: await send(ADMIN, 'post', `${base}/parties`, { agency: 'Camden Council', occurredAt: AHEAD }),
      remove: await send(ADMIN, 'post', `${base}/parties/remove`, {
        agency: 'Probation',
        reason: 'Leaves',
        occurredAt: AHEAD,
      }),
      renew: await send(ADMIN, 'post', `${base}/renew`, { reviewDate: '2031-01-01', occurredAt: AHEAD }),
    };
    expect({
      sign: refusal(signedAhead),
      expire: refusal(changes.expire),
      add: refusal(changes.add),
      remove: refusal(changes.remove),
      renew: refusal(changes.renew),
    }).toEqual({ sign: REFUSED, expire: REFUSED, add: REFUSED, remove: REFUSED, renew: REFUSED });
    expect(await agreement(dsaId)).toEqual(before);
  });

  it('lets the agreement be ended, and a party removed, now: what was shared under it stops', async () => {
    const dsaId = await sharing.signed(['Metropolitan Police', 'Haringey Council', 'Probation']);
    const base = `/v1/sharing-agreements/${dsaId}`;
    // The report's sequence: a typo of 2030 for this year (refused now), then the real end.
    await send(ADMIN, 'post', `${base}/expire`, { reason: 'Ends', occurredAt: AHEAD });
    await send(ADMIN, 'post', `${base}/parties/remove`, { agency: 'Probation', reason: 'Leaves', occurredAt: AHEAD });
    const toHaringey = await share(dsaId);
    const removed = await send(ADMIN, 'post', `${base}/parties/remove`, { agency: 'Probation', reason: 'Left today' });
    const toProbation = await share(dsaId, { toAgency: 'Probation' });
    const expired = await send(ADMIN, 'post', `${base}/expire`, { reason: 'Ends today' });
    const afterExpiry = await share(dsaId);
    expect({
      toHaringey: toHaringey.status,
      removed: removed.status,
      toProbation: [toProbation.status, toProbation.body.rule],
      expired: expired.status,
      afterExpiry: [afterExpiry.status, afterExpiry.body.rule],
    }).toEqual({
      toHaringey: 201,
      removed: 200,
      toProbation: [422, 'dsa-includes-both-parties'],
      expired: 200,
      afterExpiry: [422, 'dsa-in-force'],
    });
    const now = await agreement(dsaId);
    expect(now.parties).toEqual(['Metropolitan Police', 'Haringey Council']);
    expect(Date.parse(now.expiredAt as string)).toBeLessThan(Date.parse(AHEAD));
  });
});
