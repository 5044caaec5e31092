import { apiForSuite } from './support/api-suite';
import { maracReferral, person } from './support/referrals';
import { COORDINATOR_ALL_PANELS } from './support/tokens';

type Item = { caseId: string };

/**
 * `overdue` takes `true` or `false` only: `1` was once accepted and then filtered nothing, so a
 * coordinator asking for overdue work was handed every case without a word.
 */
describe('s11 tracker overdue filter', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS });
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  const write = async (url: string, body: unknown, status: number) => {
    const written = await client.post(url, tokens.all, body);
    expect(written.status).toBe(status);
    return written.body as Record<string, string>;
  };
  const caseIds = async (url: string) =>
    ((await client.get(url, tokens.all).expect(200)).body.items as Item[]).map((item) => item.caseId);

  let late: string;
  let onTime: string;
  beforeAll(async () => {
    const refer = async (forenames: string, dateOfBirth: string) =>
      (
        (await client.refer(
          tokens.all,
          maracReferral({ person: person({ forenames, surname: 'Duedate', dateOfBirth }), referredAt: daysAgo(40) }),
        )) as Item
      ).caseId;
    late = await refer('Lata', '1971-02-03');
    onTime = await refer('Nina', '1972-04-05');
    const { meetingId } = await write(
      '/v1/meetings',
      { panel: 'MARAC', scheduledFor: daysAgo(30), chair: 'Chair' },
      201,
    );
    await write(`/v1/meetings/${meetingId}/cases`, { caseId: late, agencyRequests: [] }, 201);
    await write(
      `/v1/cases/${late}/actions`,
      {
        description: 'Home visit',
        ownerAgency: 'Police',
        dueBy: daysAgo(20).slice(0, 10),
        meetingId,
        occurredAt: daysAgo(30),
      },
      201,
    );
  });

  it('lists only the overdue case for true, and every case for false', async () => {
    expect(await caseIds('/v1/panels/MARAC/cohort?q=duedate&overdue=true')).toEqual([late]);
    expect(await caseIds('/v1/panels/MARAC/cohort?q=duedate&overdue=false')).toEqual([late, onTime]);
  });

  it.each(['1', '0', 'yes', 'TRUE', ''])(
    'refuses overdue=%p naming overdue, on the tracker and the IOM list',
    async (value) => {
      for (const route of ['/v1/panels/MARAC/cohort', '/v1/panels/IOM/eligible-not-adopted']) {
        const refused = await client.get(`${route}?overdue=${value}`, tokens.all).expect(400);
        expect(refused.body.errors).toEqual([
          { field: 'overdue', rule: 'isBooleanString', message: 'overdue must be true or false' },
        ]);
      }
    },
  );
});
