/**
 * A status, RAG rating or IOM engagement level dated before the case was referred, or after now,
 * is refused (400 naming `occurredAt` and the rule) with nothing appended: a status dated 2019 on a
 * case referred in 2024 would otherwise be the status `?asOf=` answers on the referral day, and
 * one dated 2031 the status the tracker shows today. Synthetic people only.
 */
import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

const REFERRED_AT = '2024-04-01T10:00:00Z';

const entries = [
  ['status', { status: 'in-breach-or-wanted' }, 'case-status'],
  ['risk-rating', { rating: 'red' }, 'risk-rating'],
  ['engagement', { level: 'no-attendance-or-engagement' }, 'engagement'],
] as const;

describe('case status, RAG rating and engagement dates, through HTTP', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });
  let caseId: string;

  const eventCount = async () =>
    ((await client.get(`/v1/cases/${caseId}/events`, tokens.coordinator, 'review').expect(200)).body.items as unknown[])
      .length;
  const send = async (path: string, body: object) => {
    const res = await client.post(`/v1/cases/${caseId}/${path}`, tokens.coordinator, body);
    const errors = (res.body.errors ?? []) as { field?: string; rule: string }[];
    return { status: res.status, errors: errors.map(({ field, rule }) => ({ field, rule })) };
  };
  const statusOnReferralDay = async () =>
    (
      (await client.get('/v1/panels/IOM/cohort?limit=500&asOf=2024-04-02', tokens.coordinator, 'review').expect(200))
        .body.items as { caseId: string; currentStatus: string }[]
    ).find((item) => item.caseId === caseId)?.currentStatus;

  beforeAll(async () => {
    const made = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      iomReferral(
        {},
        { referredAt: REFERRED_AT, person: person({ forenames: 'Idris', surname: 'Datebound', sex: 'male' }) },
      ),
    );
    expect(made.status).toBe(201);
    caseId = made.body.caseId as string;
  });

  it.each(entries)('refuses POST /%s dated before the referral, appending nothing', async (path, body, rule) => {
    const before = await eventCount();
    expect(await send(path, { ...body, occurredAt: '2019-01-01T10:00:00Z' })).toEqual({
      status: 400,
      errors: [{ field: 'occurredAt', rule: `${rule}-from-referral` }],
    });
    expect(await eventCount()).toBe(before);
    expect(await statusOnReferralDay()).toBe('engaging-with-sentence');
  });

  it.each(entries)('refuses POST /%s dated in the future, appending nothing', async (path, body, rule) => {
    const before = await eventCount();
    expect(await send(path, { ...body, occurredAt: '2031-01-01T10:00:00Z' })).toEqual({
      status: 400,
      errors: [{ field: 'occurredAt', rule: `${rule}-not-in-future` }],
    });
    expect(await eventCount()).toBe(before);
  });

  it.each(entries)('records POST /%s dated on the referral day or sent undated', async (path, body) => {
    expect((await send(path, { ...body, occurredAt: '2024-04-01T08:00:00Z' })).status).toBe(200);
    expect((await send(path, body)).status).toBe(200);
  });
});
