import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * Minutes entered late: a case engaging from its referral on 1 April went into breach on 10 April,
 * and a coordinator later records that the breach began on 5 April. The cohort as of 7 April
 * answers what was true that day. Synthetic people only.
 */
describe('a status entered late about an earlier day, through HTTP', () => {
  const { client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS });

  const post = async (url: string, body: unknown, status: number) => {
    const res = await client.post(url, tokens.coordinator, body);
    expect({ url, status: res.status, body: res.status === status ? undefined : res.body }).toEqual({
      url,
      status,
      body: undefined,
    });
    return res.body as Record<string, unknown>;
  };
  const statusAsOf = async (caseId: string, day?: string) => {
    const cohort = await client
      .get(
        `/v1/panels/IOM/cohort?limit=500${day === undefined ? '' : `&asOf=${day}`}`,
        tokens.coordinator,
        'cohort review',
      )
      .expect(200);
    return (cohort.body.items as { caseId: string; currentStatus: string }[]).find((i) => i.caseId === caseId)
      ?.currentStatus;
  };

  it('answers the status as of a day between the late entry and the later one, and keeps the later one now', async () => {
    const { caseId } = await post(
      '/v1/referrals',
      iomReferral(
        {},
        {
          referredAt: '2024-04-01T10:00:00Z',
          person: person({ forenames: 'Rhys', surname: 'Latentry', dateOfBirth: '1991-07-07', sex: 'male' }),
        },
      ),
      201,
    );
    const breach = (occurredAt: string) =>
      post(`/v1/cases/${String(caseId)}/status`, { status: 'in-breach-or-wanted', occurredAt }, 200);
    await breach('2024-04-10T10:00:00Z');
    await breach('2024-04-05T10:00:00Z');
    // The same entry sent again adds nothing: the cohort's answers stay as they are.
    await breach('2024-04-05T10:00:00Z');
    const events = await client.get(`/v1/cases/${String(caseId)}/events`, tokens.coordinator, 'review').expect(200);

    expect({
      beforeBreach: await statusAsOf(String(caseId), '2024-04-04'),
      day7: await statusAsOf(String(caseId), '2024-04-07'),
      day11: await statusAsOf(String(caseId), '2024-04-11'),
      now: await statusAsOf(String(caseId)),
      changes: (events.body.items as { type: string }[]).filter((e) => e.type === 'case-status-changed').length,
    }).toEqual({
      beforeBreach: 'engaging-with-sentence',
      day7: 'in-breach-or-wanted',
      day11: 'in-breach-or-wanted',
      now: 'in-breach-or-wanted',
      changes: 2,
    });
  });
});
