/**
 * An accept or decline dated before the referral, or after now, is refused (400 naming
 * `occurredAt`) with nothing appended: the cohort would count the case as decided before anyone
 * had heard of it, and a decision dated next year would bar its closure until then (a closure is
 * not dated before a dated decision). Synthetic people only.
 */
import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

const REFERRED_AT = '2024-05-02T09:00:00Z';

const decisions = [
  ['accept', {}],
  ['decline', { reason: 'Does not meet the threshold' }],
] as const;

describe('accept and decline dates, through HTTP', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });

  const referred = async (forenames: string) => {
    const made = await client.post(
      '/v1/referrals',
      tokens.coordinator,
      maracReferral({ referredAt: REFERRED_AT, person: person({ forenames, surname: 'Datebound' }) }),
    );
    expect(made.status).toBe(201);
    return made.body.caseId as string;
  };
  const revision = async (caseId: string) =>
    (await client.get(`/v1/cases/${caseId}`, tokens.coordinator).expect(200)).body.revision as number;
  const send = async (caseId: string, path: string, body: object) => {
    const res = await client.post(`/v1/cases/${caseId}/${path}`, tokens.coordinator, body);
    const errors = (res.body.errors ?? []) as { field?: string; rule: string }[];
    return { status: res.status, errors: errors.map(({ field, rule }) => ({ field, rule })) };
  };

  it.each(decisions)(
    'refuses POST /%s dated before the referral or in the future, appending nothing',
    async (path, body) => {
      const caseId = await referred(`Ffion-${path}`);
      const before = await revision(caseId);
      for (const [occurredAt, rule] of [
        ['2019-01-01T10:00:00Z', 'decision-from-referral'],
        ['2031-01-01T10:00:00Z', 'decision-not-in-future'],
      ] as const) {
        expect(await send(caseId, path, { ...body, occurredAt })).toEqual({
          status: 400,
          errors: [{ field: 'occurredAt', rule }],
        });
      }
      expect(await revision(caseId)).toBe(before);
      expect((await send(caseId, path, { ...body, occurredAt: '2024-05-02T07:00:00Z' })).status).toBe(200);
    },
  );
});
