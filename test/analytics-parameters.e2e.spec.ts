import request from 'supertest';
import { startTestApi, type TestApi } from './support/test-api';
import { ANALYST, tokenFor } from './support/tokens';

/**
 * An analyst who mistypes a number gets one message saying which parameter and what it must be,
 * not every validator's complaint at once; an unknown panel is named, not answered with zeros.
 */
describe('analytics routes refuse bad parameters with one field and rule each (the real API)', () => {
  let api: TestApi;
  let analyst: string;
  beforeAll(async () => {
    api = await startTestApi();
    analyst = await tokenFor(ANALYST);
  });
  afterAll(async () => {
    await api.close();
  });

  const refusal = async (url: string) => {
    const res = await request(api.app.getHttpServer()).get(url).set('Authorization', `Bearer ${analyst}`);
    return { status: res.status, errors: res.body.errors as { field: string; rule: string; message: string }[] };
  };

  const PERIOD = 'from=2024-01-01&to=2024-12-31';
  const COUNTERFACTUAL = `/v1/analytics/iom/counterfactual?${PERIOD}&ovpMinimum=0`;
  it.each([
    [`/v1/analytics/marac/repeat-rate?${PERIOD}&population=1e3`, 'population', 'wholeNumberInRange', /1 to 100000000/],
    [`/v1/analytics/marac/repeat-rate?${PERIOD}&population=0x10`, 'population', 'wholeNumberInRange', /whole/],
    [`/v1/analytics/marac/repeat-rate?${PERIOD}&population=0`, 'population', 'wholeNumberInRange', /from 1/],
    [`/v1/analytics/marac/repeat-rate?${PERIOD}&population=2.5`, 'population', 'wholeNumberInRange', /whole/],
    [`/v1/analytics/alliance/engagement?${PERIOD}&cost=Infinity`, 'cost', 'numberInRange', /0 to 1000000000/],
    [`${COUNTERFACTUAL}&ogrsAlone=NaN`, 'ogrsAlone', 'numberInRange', /0 to 100/],
    [`${COUNTERFACTUAL}&ogrsAlone=101`, 'ogrsAlone', 'numberInRange', /0 to 100/],
  ])('%s → 400, one error naming %s (%s)', async (url, field, rule, message) => {
    const { status, errors } = await refusal(url);
    expect(status).toBe(400);
    expect(errors).toEqual([{ field, rule, message: expect.stringMatching(message) }]);
  });

  it('still takes plain decimal numbers in range', async () => {
    expect((await refusal(`/v1/analytics/marac/repeat-rate?${PERIOD}&population=120000`)).status).toBe(200);
    expect((await refusal(`${COUNTERFACTUAL}&ogrsAlone=75.5`)).status).toBe(200);
  });

  it('refuses an unknown panel naming panel, and answers a known one', async () => {
    const { status, errors } = await refusal('/v1/analytics/cohort?panel=NOPE&asOf=2024-03-31');
    expect(status).toBe(400);
    expect(errors).toEqual([expect.objectContaining({ field: 'panel', rule: 'known-panel' })]);
    expect((await refusal('/v1/analytics/cohort?panel=MARAC&asOf=2024-03-31')).status).toBe(200);
  });
});
