/**
 * The IOM referral form any agency can use asks for no OGRS/OVP scores: only probation holds them.
 * A council or housing referrer leaves them out; the case is not assessed (never "not eligible" on
 * invented numbers) until a coordinator records the scores probation gives. Synthetic data only.
 */
import { EVENT_STORE, type EventStore } from '../libs/event-store/src/port/event-store';
import { apiForSuite } from './support/api-suite';
import { uploadedToIom } from './support/iom-upload';
import { syntheticPnc } from './support/people';
import { iomReferral, maracReferral, person } from './support/referrals';
import { ANALYST, COORDINATOR_ALL_PANELS } from './support/tokens';

interface IomItem {
  caseId: string;
  iom: { eligible: boolean | null; eligibility: string; decision: string | null };
}
const UPLOAD_HEADER = 'CRN,PNC,Forenames,Surname,Date of birth,OGRS 2-year,OVP 2-year,Robbery/burglary in last 2 years';
const ELIGIBLE_SCORES = { ogrs2: 82, ovp2: 36, robberyOrBurglaryLast2Years: false };
const REFERRED_AT = '2024-03-05T10:00:00Z';

describe('IOM referral form without OGRS/OVP scores', () => {
  const { api, client, tokens } = apiForSuite({ coordinator: COORDINATOR_ALL_PANELS, analyst: ANALYST });
  const post = (url: string, body: object) => client.post(url, tokens.coordinator, body);
  let born = 0;
  /** A form referral from a housing officer: every field the form asks, no scores unless `iom` adds some. */
  const formReferral = (
    surname: string,
    iom: Record<string, unknown> = {},
    route = 'referral-form',
    identifiers: Record<string, string> = {},
  ) => {
    born += 1;
    const body = iomReferral(
      { route, currentStatus: 'community-order', ...iom },
      {
        referredAt: REFERRED_AT,
        referrer: {
          name: 'Sam Tully',
          agency: 'Haringey Housing',
          email: 'sam.tully@example.org',
          phone: '020 7946 0000',
        },
        reason: 'Repeated burglaries on the estate',
        person: person({
          forenames: `${surname}son`,
          surname,
          dateOfBirth: `198${born}-0${born}-1${born}`,
          sex: 'male',
          postcode: 'N17 9LN',
          identifiers,
        }),
      },
    );
    for (const field of ['ogrs2', 'ovp2', 'robberyOrBurglaryLast2Years'])
      if (!(field in iom)) delete (body.iom as Record<string, unknown>)[field];
    return body;
  };
  const tracker = async (query = ''): Promise<Map<string, IomItem['iom']>> => {
    const response = await client.get(`/v1/panels/IOM/cohort${query}`, tokens.coordinator).expect(200);
    return new Map((response.body.items as IomItem[]).map((item) => [item.caseId, item.iom]));
  };
  const notAdopted = async (): Promise<string[]> =>
    (
      (await client.get('/v1/panels/IOM/eligible-not-adopted', tokens.coordinator).expect(200)).body.items as IomItem[]
    ).map((item) => item.caseId);
  const awaitingDecision = async (): Promise<number> => {
    const report = await client.get('/v1/analytics/iom/cohort?from=2024-03-01&to=2024-03-31', tokens.analyst, null);
    expect(report.status).toBe(200);
    return report.body.eligibleNotAdopted.awaitingDecision as number;
  };
  const eventTypes = async (caseId: string) =>
    (await api.app.get<EventStore>(EVENT_STORE).readStream(`case-${caseId}`)).map((event) => event.type);

  it('opens the case not assessed: no evaluation, not eligible-not-adopted, not counted as not eligible', async () => {
    const awaitingBefore = await awaitingDecision();
    const made = await post('/v1/referrals', formReferral('Formless'));
    expect(made.status).toBe(201);
    expect(made.body.eligible).toBeUndefined();
    const { caseId } = made.body as { caseId: string };
    expect(await eventTypes(caseId)).toEqual(['referral-made']);

    expect((await tracker()).get(caseId)).toMatchObject({ eligible: null, eligibility: 'not-assessed' });
    expect((await tracker('?eligibility=not-assessed')).has(caseId)).toBe(true);
    expect((await tracker('?eligibility=not-eligible')).has(caseId)).toBe(false);
    expect((await tracker('?eligibility=eligible')).has(caseId)).toBe(false);
    expect(await notAdopted()).not.toContain(caseId);
    expect(await awaitingDecision()).toBe(awaitingBefore);
    const view = await client.get(`/v1/cases/${caseId}`, tokens.coordinator).expect(200);
    expect(view.body.details).toMatchObject({ kind: 'iom', eligibility: null });

    // The panel may still add it by local discretion, but not adopt it as eligible.
    const asEligible = await post(`/v1/cases/${caseId}/iom/adopt`, { reason: 'Prolific' });
    expect({ status: asEligible.status, rule: asEligible.body.rule }).toEqual({
      status: 422,
      rule: 'iom-core-cohort-eligibility',
    });
    expect(asEligible.body.message).toMatch(/not assessed/);
  });

  it('refuses a partial set of scores on the form, and a core partner referral without them, with 400 naming the field', async () => {
    const partial = await post('/v1/referrals', formReferral('Partial', { ogrs2: 80 }));
    expect(partial.status).toBe(400);
    const named = (partial.body.errors as { field: string; rule: string }[]).map(({ field, rule }) => ({
      field,
      rule,
    }));
    expect(named).toEqual(
      expect.arrayContaining([
        { field: 'iom.ovp2', rule: 'iom-scores-together' },
        { field: 'iom.robberyOrBurglaryLast2Years', rule: 'iom-scores-together' },
      ]),
    );
    expect(named.map(({ field }) => field)).not.toContain('iom.ogrs2');

    const corePartner = await post('/v1/referrals', formReferral('Scoreless', {}, 'core-partner'));
    expect(corePartner.status).toBe(400);
    expect(corePartner.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'iom.ogrs2', rule: 'iom-scores-on-route' })]),
    );
    const people = await client.get('/v1/panels/IOM/cohort?q=Partialson', tokens.coordinator).expect(200);
    expect(people.body.items).toEqual([]);
  });

  it('takes a full set of scores on the form and evaluates them as before', async () => {
    const made = await post('/v1/referrals', formReferral('Scored', ELIGIBLE_SCORES));
    expect({ status: made.status, eligible: made.body.eligible }).toEqual({ status: 201, eligible: true });
  });

  it('judges the case on scores recorded later, which make it eligible and listed until adopted', async () => {
    const { caseId } = await client.refer(tokens.coordinator, formReferral('Later'));
    const awaitingBefore = await awaitingDecision();

    const early = await post(`/v1/cases/${caseId}/iom/scores`, {
      ...ELIGIBLE_SCORES,
      occurredAt: '2024-03-04T10:00:00Z',
    });
    expect({ status: early.status, errors: early.body.errors }).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'occurredAt', rule: 'iom-scores-from-referral' })],
    });
    const partial = await post(`/v1/cases/${caseId}/iom/scores`, { ogrs2: 82 });
    expect(partial.status).toBe(400);
    expect(partial.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'ovp2' })]));
    expect(await eventTypes(caseId)).toEqual(['referral-made']);

    const scored = await post(`/v1/cases/${caseId}/iom/scores`, {
      ...ELIGIBLE_SCORES,
      occurredAt: '2024-03-12T09:00:00Z',
    });
    expect(scored.status).toBe(200);
    expect(scored.body.events).toEqual(['iom-eligibility-evaluated']);
    const recorded = await api.app.get<EventStore>(EVENT_STORE).readStream(`case-${caseId}`);
    expect(recorded.at(-1)?.data).toMatchObject({
      policy: { id: 'london-2021', version: 1 },
      inputs: { ogrs2y: 82, ovp2y: 36, robberyOrBurglaryInLast2Years: false },
      eligible: true,
      source: 're-assessment',
      occurredAt: '2024-03-12T09:00:00Z',
    });
    const retried = await post(`/v1/cases/${caseId}/iom/scores`, {
      ...ELIGIBLE_SCORES,
      occurredAt: '2024-03-12T09:00:00Z',
    });
    expect({ status: retried.status, events: retried.body.events }).toEqual({ status: 200, events: [] });
    expect((await tracker()).get(caseId)).toMatchObject({ eligible: true, eligibility: 'eligible' });
    expect(await notAdopted()).toContain(caseId);
    expect(await awaitingDecision()).toBe(awaitingBefore + 1);
    const asOf = await client.get('/v1/panels/IOM/cohort?asOf=2024-03-10', tokens.coordinator).expect(200);
    expect((asOf.body.items as IomItem[]).find((item) => item.caseId === caseId)?.iom).toMatchObject({
      eligibility: 'not-assessed',
    });

    expect((await post(`/v1/cases/${caseId}/iom/adopt`, { reason: 'Core cohort once scored' })).status).toBe(200);
    expect(await notAdopted()).not.toContain(caseId);
  });

  it("takes the scores of the person's row in the monthly probation upload, as on any open case", async () => {
    const pnc = syntheticPnc(424201);
    const body = formReferral('Uploaded', {}, 'referral-form', { pnc });
    const { caseId } = await client.refer(tokens.coordinator, body);
    const { forenames, surname, dateOfBirth } = body.person as {
      forenames: string;
      surname: string;
      dateOfBirth: string;
    };
    const csv = [UPLOAD_HEADER, `X424201,${pnc},${forenames},${surname},${dateOfBirth},80,40,N`].join('\n');
    const job = await uploadedToIom(api, tokens.coordinator, '2024-04', csv);
    expect(job.result.summary).toMatchObject({ unchanged: 1 });
    expect(await eventTypes(caseId)).toEqual(['referral-made', 'iom-eligibility-evaluated']);
    expect((await tracker()).get(caseId)).toMatchObject({ eligible: true, eligibility: 'eligible' });
    expect(await notAdopted()).toContain(caseId);
  });

  it('exports a form referral without score columns, and the scores recorded later with them', async () => {
    const records = await client.exportedRecords(tokens.analyst, ['IOM']);
    const formReferrals = records.filter((r) => r.event_type === 'referral-made' && r.iom_route === 'referral-form');
    expect(formReferrals.map((r) => r.iom_ogrs2 ?? null)).toEqual(expect.arrayContaining([null, 82]));
    const evaluations = records.filter((r) => r.event_type === 'iom-eligibility-evaluated');
    expect(evaluations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ iom_ogrs2: 82, iom_ovp2: 36, iom_robbery_or_burglary_2y: false, iom_eligible: true }),
      ]),
    );
  });

  it('records scores only on an IOM case', async () => {
    const { caseId } = await client.refer(tokens.coordinator, maracReferral({ person: person({ surname: 'Notiom' }) }));
    const refused = await post(`/v1/cases/${caseId}/iom/scores`, ELIGIBLE_SCORES);
    expect({ status: refused.status, rule: refused.body.rule }).toEqual({ status: 409, rule: 'panel-kind' });
  });
});
