import { ukDateAt } from '../libs/case-lifecycle/src/domain/calendar';
import { apiForSuite } from './support/api-suite';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

/**
 * A day still to come has no history: the tracker and the analysts' cohort report used to answer it
 * with today's cohort, passing today's picture off as that day's. They refuse it, naming `asOf`.
 */
describe('the cohort as of a day still to come', () => {
  const { client, tokens } = apiForSuite({ all: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const ukDayIn = (days: number) => ukDateAt(new Date(Date.now() + days * 86_400_000));
  const refusal = { field: 'asOf', rule: 'dayNotAfterToday' };

  it.each([
    ['the tracker', (day: string) => `/v1/panels/MARAC/cohort?asOf=${day}`, 'all'],
    ['the analysts’ cohort report', (day: string) => `/v1/analytics/cohort?panel=MARAC&asOf=${day}`, 'analyst'],
  ] as const)('%s refuses tomorrow with 400 naming asOf, and answers today and yesterday', async (_, url, user) => {
    const tomorrow = await client.get(url(ukDayIn(2)), tokens[user]);
    expect({ status: tomorrow.status, errors: tomorrow.body.errors }).toEqual({
      status: 400,
      errors: [expect.objectContaining(refusal)],
    });
    await client.get(url(ukDayIn(0)), tokens[user]).expect(200);
    await client.get(url(ukDayIn(-1)), tokens[user]).expect(200);
  });
});
