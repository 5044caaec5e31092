/**
 * Scores probation gives later are often typed in out of order: an older assessment entered after
 * a newer one is history, and a retry of an earlier entry records nothing. The case view, the
 * tracker (live and `asOf`), the eligible-not-adopted list, adoption and the IOM report all take
 * the assessment in force by its `occurredAt`. Synthetic data only.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { iomReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

interface IomItem {
  caseId: string;
  iom: { eligible: boolean | null; eligibility: string };
}
const ELIGIBLE = { ogrs2: 82, ovp2: 36, robberyOrBurglaryLast2Years: false };
const NOT_ELIGIBLE = { ogrs2: 10, ovp2: 5, robberyOrBurglaryLast2Years: false };

describe('IOM scores entered out of order', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const post = (url: string, body: object) => client.post(url, tokens.coordinator, body);
  const recordScores = async (caseId: string, body: object) =>
    expect((await post(`/v1/cases/${caseId}/iom/scores`, body)).status).toBe(200);
  let born = 0;
  const formReferral = (surname: string) => {
    born += 1;
    const body = iomReferral(
      { route: 'referral-form', currentStatus: 'community-order' },
      {
        referredAt: '2024-03-05T10:00:00Z',
        person: person({
          forenames: `${surname}son`,
          surname,
          dateOfBirth: `197${born}-0${born}-1${born}`,
          sex: 'male',
          postcode: 'N17 9LN',
        }),
      },
    );
    for (const field of ['ogrs2', 'ovp2', 'robberyOrBurglaryLast2Years'])
      delete (body.iom as Record<string, unknown>)[field];
    return body;
  };
  const trackerItem = async (caseId: string, query = '') => {
    const response = await client.get(`/v1/panels/IOM/cohort?limit=500${query}`, tokens.coordinator).expect(200);
    return (response.body.items as IomItem[]).find((item) => item.caseId === caseId)?.iom.eligibility;
  };
  const notAdopted = async (caseId: string) =>
    (
      (await client.get('/v1/panels/IOM/eligible-not-adopted', tokens.coordinator).expect(200)).body.items as IomItem[]
    ).some((item) => item.caseId === caseId);
  const awaitingDecision = async (): Promise<number> => {
    const report = await client.get('/v1/analytics/iom/cohort?from=2024-03-01&to=2024-03-31', tokens.analyst, null);
    expect(report.status).toBe(200);
    return report.body.eligibleNotAdopted.awaitingDecision as number;
  };
  const standing = async (caseId: string) => ({
    caseView: (await client.get(`/v1/cases/${caseId}`, tokens.coordinator).expect(200)).body.details.eligibility
      ?.eligible as boolean | undefined,
    trackerLive: await trackerItem(caseId),
    trackerAsOfMonthEnd: await trackerItem(caseId, '&asOf=2024-03-31'),
    eligibleNotAdopted: await notAdopted(caseId),
  });
  const ELIGIBLE_EVERYWHERE = {
    caseView: true,
    trackerLive: 'eligible',
    trackerAsOfMonthEnd: 'eligible',
    eligibleNotAdopted: true,
  };

  it('keeps the later-dated assessment in force when an older one is entered after it', async () => {
    const { caseId } = await client.refer(tokens.coordinator, formReferral('Backdate'));
    const awaitingBefore = await awaitingDecision();
    await recordScores(caseId, { ...ELIGIBLE, occurredAt: '2024-03-20T09:00:00Z' });
    const older = await post(`/v1/cases/${caseId}/iom/scores`, {
      ...NOT_ELIGIBLE,
      occurredAt: '2024-03-10T09:00:00Z',
    });
    expect({ status: older.status, events: older.body.events }).toEqual({
      status: 200,
      events: ['iom-eligibility-evaluated'],
    });

    expect(await standing(caseId)).toEqual(ELIGIBLE_EVERYWHERE);
    expect(await awaitingDecision()).toBe(awaitingBefore + 1);
    // Between the two assessments the older one was in force.
    expect(await trackerItem(caseId, '&asOf=2024-03-15')).toBe('not-eligible');
    const adopted = await post(`/v1/cases/${caseId}/iom/adopt`, {
      reason: 'Core cohort',
      occurredAt: '2024-03-25T09:00:00Z',
    });
    expect(adopted.status).toBe(200);
  });

  it('records nothing for a late retry of an earlier assessment, which leaves the newer one in force', async () => {
    const { caseId } = await client.refer(tokens.coordinator, formReferral('Retry'));
    const first = { ...NOT_ELIGIBLE, occurredAt: '2024-03-10T09:00:00Z' };
    await recordScores(caseId, first);
    await recordScores(caseId, { ...ELIGIBLE, occurredAt: '2024-03-20T09:00:00Z' });

    const retried = await post(`/v1/cases/${caseId}/iom/scores`, first);
    expect({ status: retried.status, events: retried.body.events }).toEqual({ status: 200, events: [] });
    const recorded = await api.app.get<EventStore>(EVENT_STORE).readStream(`case-${caseId}`);
    expect(recorded.map((event) => event.type)).toEqual([
      'referral-made',
      'iom-eligibility-evaluated',
      'iom-eligibility-evaluated',
    ]);
    expect(await standing(caseId)).toEqual(ELIGIBLE_EVERYWHERE);
  });
});
