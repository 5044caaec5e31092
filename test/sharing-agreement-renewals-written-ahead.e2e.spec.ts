import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { ukDayOf } from '../libs/information-sharing/src/domain/moments';
import { writtenAhead } from './support/dsa-written-ahead';
import { sharingUsers } from './support/sharing';
import { sharingSuite } from './support/sharing-suite';

const { ADMIN, MARAC_C, AUDITOR } = sharingUsers('renewals-ahead');

/**
 * Expiries and renewals written before changes dated ahead were refused (review
 * s21-review-sharing2, finding 5). The specs append such events as the old code recorded them, then
 * renew over HTTP: the renewal made now decides how the agreement runs, not the date written ahead.
 */
describe('sharing agreement renewals, with an expiry or renewal written ahead', () => {
  const sharing = sharingSuite({
    admin: ADMIN,
    discloser: MARAC_C,
    purpose: 'DSA renewals written ahead',
    readYourWrites: true,
    users: [ADMIN, MARAC_C, AUDITOR],
    victim: { forenames: 'Adaeze', surname: 'Nwosu', dateOfBirth: '1989-09-14' },
  });
  const send = sharing.send;
  const store = () => sharing.api().app.get<symbol, EventStore>(EVENT_STORE);
  const answer = (r: request.Response) => [r.status, r.body.rule ?? null];
  const share = async (dsaId: string) => answer(await sharing.share(sharing.caseId(), dsaId));
  const renew = (dsaId: string, body: Record<string, unknown>) =>
    send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/renew`, body);
  const agreement = async (dsaId: string) => {
    const { inForce, inForceTo, inForceNow, expiredAt } = (
      await send(AUDITOR, 'get', `/v1/sharing-agreements/${dsaId}`)
    ).body as Record<string, unknown>;
    return { inForce, inForceTo, inForceNow, expiredAt };
  };

  it('lets a renewal made now withdraw an expiry written ahead: the agreement ends where the renewal says', async () => {
    const dsaId = await sharing.signed(['Metropolitan Police', 'Haringey Council']);
    // The review date typed into the expiry.
    await writtenAhead(store(), dsaId, 'dsa-expired', { reason: 'review due', occurredAt: '2030-01-01T00:00:00Z' });

    expect(answer(await renew(dsaId, { reviewDate: '2031-06-01', inForceTo: null }))).toEqual([200, null]);
    expect(await agreement(dsaId)).toEqual({
      inForce: [{ from: '2024-04-01', to: null }],
      inForceTo: null,
      inForceNow: true,
      expiredAt: null,
    });
    expect(await share(dsaId)).toEqual([201, null]);
  });

  it('lets a renewal made now after a lapse replace a renewal written ahead, from its own day', async () => {
    const dsaId = await sharing.signed(['Metropolitan Police', 'Haringey Council'], { inForceTo: '2025-03-31' });
    await writtenAhead(store(), dsaId, 'dsa-renewed', {
      reviewDate: '2031-01-01',
      inForceTo: null,
      occurredAt: '2030-01-01T10:00:00Z',
    });
    expect(await share(dsaId)).toEqual([422, 'dsa-in-force']);

    const renewedAt = new Date().toISOString();
    const renewed = await renew(dsaId, { reviewDate: '2031-07-01', inForceTo: '2027-12-31', occurredAt: renewedAt });
    expect(answer(renewed)).toEqual([200, null]);
    expect(await agreement(dsaId)).toEqual({
      inForce: [
        { from: '2024-04-01', to: '2025-03-31' },
        { from: ukDayOf(renewedAt), to: '2027-12-31' },
      ],
      inForceTo: '2027-12-31',
      inForceNow: true,
      expiredAt: null,
    });
    expect(await share(dsaId)).toEqual([201, null]);
  });
});
