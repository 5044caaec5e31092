import request from 'supertest';
import { sharingUsers } from './support/sharing';
import { sharingSuite } from './support/sharing-suite';

/**
 * A disclosure is judged against the agreement as it stood when it was made, and the agreement's
 * history must go on saying so: a renewal does not cover a lapse it came after, and no change may
 * be dated so as to leave a disclosure already recorded under it outside its terms (review s14,
 * findings 1 and 2).
 */
const { ADMIN, MARAC_C, AUDITOR } = sharingUsers('terms');
const JUNE = '2024-06-01T10:00:00Z';
const MAY = '2024-05-01T00:00:00Z';

describe('sharing agreement terms over time', () => {
  const sharing = sharingSuite({
    admin: ADMIN,
    discloser: MARAC_C,
    purpose: 'DSA terms over time',
    readYourWrites: true,
    users: [ADMIN, MARAC_C, AUDITOR],
    victim: { forenames: 'Ama', surname: 'Quist', dateOfBirth: '1988-02-14' },
  });

  const send = sharing.send;
  const sign = sharing.signed;
  const share = (dsaId: string, body: Record<string, unknown> = {}) => sharing.share(sharing.caseId(), dsaId, body);
  const agreement = async (dsaId: string) => (await send(AUDITOR, 'get', `/v1/sharing-agreements/${dsaId}`)).body;
  const refusal = (r: request.Response) => ({ status: r.status, rule: r.body.rule, fields: fieldsOf(r) });
  const fieldsOf = (r: request.Response) => ((r.body.errors ?? []) as { field: string }[]).map((e) => e.field);

  it('a renewal after a lapse covers from the renewal on, not the lapse; the agreement shows both spells', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council'], { inForceTo: '2024-12-31' });
    const inLapse = { occurredAt: '2025-03-01T10:00:00Z' };
    expect(refusal(await share(dsaId, inLapse))).toMatchObject({ status: 422, rule: 'dsa-in-force' });

    const renewed = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/renew`, {
      reviewDate: '2031-01-01',
      inForceTo: '2030-12-31',
      occurredAt: '2025-04-01T09:00:00Z',
    });
    expect(renewed.status).toBe(200);

    expect(refusal(await share(dsaId, inLapse))).toMatchObject({ status: 422, rule: 'dsa-in-force' });
    expect((await share(dsaId, { occurredAt: '2025-04-02T10:00:00Z' })).status).toBe(201);
    expect((await share(dsaId, { occurredAt: '2024-12-31T10:00:00Z' })).status).toBe(201);
    const dsa = await agreement(dsaId);
    expect(dsa.inForce).toEqual([
      { from: '2024-04-01', to: '2024-12-31' },
      { from: '2025-04-01', to: '2030-12-31' },
    ]);
    expect(dsa.inForceNow).toBe(true);
  });

  it('a renewal before the agreement lapses extends the spell it is in', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council'], { inForceTo: '2024-12-31' });
    const renewed = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/renew`, {
      reviewDate: '2031-01-01',
      inForceTo: '2030-12-31',
      occurredAt: '2024-12-01T09:00:00Z',
    });
    expect(renewed.status).toBe(200);
    expect((await agreement(dsaId)).inForce).toEqual([{ from: '2024-04-01', to: '2030-12-31' }]);
    expect((await share(dsaId, { occurredAt: '2025-03-01T10:00:00Z' })).status).toBe(201);
  });

  it('removing a party is refused (409, occurredAt) when dated at or before a disclosure made to it', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council', 'Probation']);
    expect((await share(dsaId, { occurredAt: JUNE })).status).toBe(201);

    const removed = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/parties/remove`, {
      agency: 'haringey  council',
      reason: 'Left the partnership',
      occurredAt: MAY,
    });
    expect(refusal(removed)).toEqual({ status: 409, rule: 'covers-recorded-disclosures', fields: ['occurredAt'] });
    const council = (await agreement(dsaId)).memberships.find(
      (m: { agency: string }) => m.agency === 'Haringey Council',
    );
    expect(council.leftAt).toBeNull();

    // Probation received nothing: its removal may be dated before the disclosure to the council.
    const probation = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/parties/remove`, {
      agency: 'Probation',
      reason: 'Left the partnership',
      occurredAt: MAY,
    });
    expect(probation.status).toBe(200);
  });

  it('removing a party dated after the disclosures made to it is recorded', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council', 'Probation']);
    expect((await share(dsaId, { occurredAt: JUNE })).status).toBe(201);
    const removed = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/parties/remove`, {
      agency: 'Haringey Council',
      reason: 'Left the partnership',
      occurredAt: '2024-06-01T10:00:01Z',
    });
    expect(removed.status).toBe(200);
  });

  it('renewing to an end before a disclosure already made under the agreement is refused (409, inForceTo)', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council']);
    expect((await share(dsaId, { occurredAt: JUNE })).status).toBe(201);
    const renewed = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/renew`, {
      reviewDate: '2031-01-01',
      inForceTo: '2024-05-01',
    });
    expect(refusal(renewed)).toEqual({ status: 409, rule: 'covers-recorded-disclosures', fields: ['inForceTo'] });
    expect((await agreement(dsaId)).inForceTo).toBeNull();

    // Ending on the day of the disclosure still covers it.
    const onTheDay = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/renew`, {
      reviewDate: '2031-01-01',
      inForceTo: '2024-06-01',
    });
    expect(onTheDay.status).toBe(200);
  });

  it('expiring an agreement is refused (409, occurredAt) when dated at or before a disclosure made under it', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council']);
    expect((await share(dsaId, { occurredAt: JUNE })).status).toBe(201);
    const backDated = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/expire`, {
      reason: 'Superseded',
      occurredAt: MAY,
    });
    expect(refusal(backDated)).toEqual({ status: 409, rule: 'covers-recorded-disclosures', fields: ['occurredAt'] });
    expect((await agreement(dsaId)).expiredAt).toBeNull();

    expect((await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/expire`, { reason: 'Superseded' })).status).toBe(
      200,
    );
  });
});
