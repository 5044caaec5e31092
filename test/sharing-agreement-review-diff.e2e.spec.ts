import request from 'supertest';
import { sharingUsers } from './support/sharing';
import { sharingSuite } from './support/sharing-suite';

/**
 * What the agreement says about the disclosures made under it must hold whatever the timing: a
 * share and a back-dated change sent together, a renewal after a lapse, a share dated a little
 * ahead; and a decision not to share never reaches the agency it was kept from (review
 * s14-review-diff-sharing, findings 1 to 4).
 */
const { ADMIN, MARAC_C, PROBATION_ON_MARAC, AUDITOR } = sharingUsers('diff');
const REFUGE = 'She is in refuge at Elm House; the perpetrator is on licence to Probation';

describe('sharing agreement changes and the decisions made under it', () => {
  const sharing = sharingSuite({
    admin: ADMIN,
    discloser: MARAC_C,
    purpose: 'DSA review diff',
    readYourWrites: true,
    users: [ADMIN, MARAC_C, PROBATION_ON_MARAC, AUDITOR],
    victim: { forenames: 'Efua', surname: 'Mensah', dateOfBirth: '1990-07-03' },
  });

  const send = sharing.send;
  const sign = sharing.signed;
  const share = (dsaId: string, body: Record<string, unknown> = {}) => sharing.share(sharing.caseId(), dsaId, body);
  const withhold = (body: Record<string, unknown>) =>
    send(MARAC_C, 'post', '/v1/disclosures/withheld', {
      caseId: sharing.caseId(),
      fields: ['address'],
      purpose: 'Probation asked where she lives',
      reason: REFUGE,
      ...body,
    });
  const refusal = (r: request.Response) => ({
    status: r.status,
    rule: r.body.rule,
    fields: ((r.body.errors ?? []) as { field: string }[]).map((e) => e.field),
  });

  it('a share and a back-dated removal of its recipient sent together: one of them is refused, every round', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < 15; i++) {
      const dsaId = await sign(['Metropolitan Police', 'Haringey Council', 'Probation']);
      const [shared, removed] = await Promise.all([
        share(dsaId, { occurredAt: '2024-06-01T10:00:00Z' }),
        send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/parties/remove`, {
          agency: 'Haringey Council',
          reason: 'Left',
          occurredAt: '2024-05-01T00:00:00Z',
        }),
      ]);
      outcomes.push(`${shared.status}/${removed.status}`);
    }
    // Whichever came first is written; the other is refused (share 422, removal 409).
    expect(outcomes.filter((o) => o === '201/200')).toEqual([]);
    expect(outcomes.every((o) => o === '201/409' || o === '422/200')).toBe(true);
  });

  it('a share and a back-dated expiry sent together: one of them is refused', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council']);
    const [shared, expired] = await Promise.all([
      share(dsaId, { occurredAt: '2024-06-01T10:00:00Z' }),
      send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/expire`, {
        reason: 'Ended',
        occurredAt: '2024-05-01T00:00:00Z',
      }),
    ]);
    expect(['201/409', '422/200']).toContain(`${shared.status}/${expired.status}`);
  });

  it('a renewal recorded after a lapse whose end is before its own day renews nothing: 400 inForceTo', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council'], { inForceTo: '2024-12-31' });
    const inLapse = { occurredAt: '2025-03-01T10:00:00Z' };
    expect((await share(dsaId, inLapse)).status).toBe(422);
    const renewed = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/renew`, {
      reviewDate: '2031-01-01',
      inForceTo: '2025-06-30',
    });
    expect(refusal(renewed)).toEqual({ status: 400, rule: 'renewal-reaches-its-day', fields: ['inForceTo'] });
    expect((await share(dsaId, inLapse)).status).toBe(422);
    const agreement = await send(AUDITOR, 'get', `/v1/sharing-agreements/${dsaId}`);
    expect(agreement.body.inForce).toEqual([{ from: '2024-04-01', to: '2024-12-31' }]);
  });

  it('a variant spelling cannot carry a decision not to share to the agency, cited or not', async () => {
    // Citing no agreement, it is recorded, but of the panel only the disclosing agency knows of it
    // (review s14-review-diff2-sharing D1).
    const uncited = await withhold({ toAgency: 'National Probation Service' });
    expect(uncited.status).toBe(201);
    expect((await send(PROBATION_ON_MARAC, 'get', `/v1/disclosures/${uncited.body.disclosureId}`)).status).toBe(404);
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council', 'Probation']);
    const misspelt = await withhold({ toAgency: 'National Probation Service', dsaId });
    expect(refusal(misspelt)).toEqual({ status: 422, rule: 'dsa-includes-both-parties', fields: ['toAgency'] });
    // Named as the agreement names it, the reason is kept from Probation.
    const kept = await withhold({ toAgency: 'Probation', dsaId });
    expect(kept.status).toBe(201);
    const seen = await send(PROBATION_ON_MARAC, 'get', `/v1/disclosures/${kept.body.disclosureId}`);
    expect(seen.status).toBe(404);
    const listed = await send(PROBATION_ON_MARAC, 'get', `/v1/disclosures?caseId=${sharing.caseId()}&kind=withheld`);
    expect(JSON.stringify(listed.body)).not.toContain('Elm House');
  });

  it('a share dated a few minutes ahead (within the clock skew) does not block an expiry recorded now', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council']);
    const shared = await share(dsaId, { occurredAt: new Date(Date.now() + 3 * 60_000).toISOString() });
    expect(shared.status).toBe(201);
    const expired = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/expire`, { reason: 'Ended' });
    expect(expired.status).toBe(200);
  });

  it('a share dated a few minutes ahead does not block removing its recipient now either', async () => {
    const dsaId = await sign(['Metropolitan Police', 'Haringey Council', 'Probation']);
    const shared = await share(dsaId, { occurredAt: new Date(Date.now() + 3 * 60_000).toISOString() });
    expect(shared.status).toBe(201);
    const removed = await send(ADMIN, 'post', `/v1/sharing-agreements/${dsaId}/parties/remove`, {
      agency: 'Haringey Council',
      reason: 'Left',
    });
    expect(removed.status).toBe(200);
  });
});
