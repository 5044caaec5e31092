import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider } from './case.decider';
import { CASE_RULES } from './rule-names';
import type { IomReferralInput } from './commands/case-commands';
import { caseHistory, iomInput, LATER, on, referral, REFERRED_AT, rejectionFrom } from './testing/case-fixtures';

/**
 * The IOM referral form any agency can use asks for no OGRS/OVP scores: only probation holds them.
 * A form referral without them is not assessed, not judged "not eligible" on invented numbers.
 */
const spec = deciderSpecification(caseDecider);
const ELIGIBLE = { ogrs2y: 80, ovp2y: 35, robberyOrBurglaryInLast2Years: false };

const withoutScores = (route: IomReferralInput['route']) => {
  const { scores: _scores, ...input } = iomInput({}, { route, statusAtReferral: 'community-order' });
  return referral('IOM', input);
};
const formReferral = () => withoutScores('referral-form');
const scoresRecorded = (occurredAt = LATER, scores = ELIGIBLE) =>
  on('evaluate-iom-eligibility', { scores, source: 're-assessment', occurredAt });

describe('case decider: an IOM form referral without scores', () => {
  it('opens the case with no eligibility evaluation', () => {
    spec
      .given()
      .when(formReferral())
      .thenEvents((events) => {
        expect(events.map((event) => event.type)).toEqual(['referral-made']);
        expect(events[0]).toMatchObject({ data: { details: { kind: 'iom', route: 'referral-form' } } });
        expect(events[0]?.type === 'referral-made' && 'scores' in events[0].data.details).toBe(false);
      });
  });

  it.each(['core-partner', 'probation-core-cohort-upload'] as const)(
    'refuses a %s referral without scores, naming iom.scores',
    (route) => {
      const refused = rejectionFrom(() => caseDecider.decide(withoutScores(route), caseDecider.initialState()));
      expect({ kind: refused.kind, rule: refused.rule, field: refused.details[0]?.field }).toEqual({
        kind: 'invalid',
        rule: CASE_RULES.iomScoresOnRoute,
        field: 'iom.scores',
      });
    },
  );

  it('refuses adoption as eligible, saying the scores are not recorded', () => {
    const refused = rejectionFrom(() =>
      caseHistory(formReferral(), on('adopt-iom-case', { reason: 'Prolific offending' })),
    );
    expect(refused.rule).toBe(CASE_RULES.iomCoreCohortEligibility);
    expect(refused.message).toMatch(/not assessed/);
  });

  it('lets the panel add it by local discretion, or reject it, with a reason', () => {
    spec
      .given(...caseHistory(formReferral()))
      .when(on('adopt-iom-case-by-discretion', { category: 'neighbourhood-crime', reason: 'Local priority' }))
      .thenEvents((events) =>
        expect(events.map((event) => event.type)).toEqual(['iom-discretionary-adoption', 'referral-accepted']),
      );
    spec
      .given(...caseHistory(formReferral()))
      .when(on('reject-iom-case', { category: 'not-suitable', reason: 'Low-level offending' }))
      .thenEvents((events) =>
        expect(events[0]).toMatchObject({ type: 'iom-case-rejected', data: { eligibleWhenRejected: false } }),
      );
  });

  it('is judged on scores recorded later, under the configured policy, and may then be adopted', () => {
    const history = caseHistory(formReferral(), scoresRecorded());
    expect(history[1]).toEqual({
      type: 'iom-eligibility-evaluated',
      data: {
        policy: { id: 'london-2021', version: 1 },
        thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 30 },
        inputs: ELIGIBLE,
        eligible: true,
        ogrsRoute: 'ogrs-alone',
        ovpMet: true,
        source: 're-assessment',
        occurredAt: LATER,
      },
    });
    spec
      .given(...history)
      .when(on('adopt-iom-case', { reason: 'Core cohort once scored' }))
      .thenEvents((events) => expect(events[0]?.type).toBe('iom-case-adopted'));
  });

  it('refuses scores dated before the UK day of the referral', () => {
    spec
      .given(...caseHistory(formReferral()))
      .when(scoresRecorded('2024-03-03T10:00:00Z'))
      .thenRejects('invalid', CASE_RULES.iomScoresFromReferral);
    spec
      .given(...caseHistory(formReferral()))
      .when(scoresRecorded(REFERRED_AT))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('judges adoption on the latest assessment by date, not the last entered', () => {
    const NOT_ELIGIBLE = { ...ELIGIBLE, ovp2y: 20 };
    const history = caseHistory(formReferral(), scoresRecorded(), scoresRecorded('2024-03-10T09:00:00Z', NOT_ELIGIBLE));
    spec
      .given(...history)
      .when(on('adopt-iom-case', { reason: 'Core cohort', occurredAt: '2024-03-25T09:00:00Z' }))
      .thenEvents((events) => expect(events[0]?.type).toBe('iom-case-adopted'));
    // Between the two, the older assessment was in force.
    spec
      .given(...history)
      .when(on('adopt-iom-case', { reason: 'Core cohort', occurredAt: '2024-03-15T09:00:00Z' }))
      .thenRejects('rule-refused', CASE_RULES.iomCoreCohortEligibility);
  });

  it('records nothing for the same scores sent again with the same occurredAt (a retry)', () => {
    spec
      .given(...caseHistory(formReferral(), scoresRecorded()))
      .when(scoresRecorded('2024-03-20T14:30:00.000Z'))
      .thenNothingHappens();
    spec
      .given(...caseHistory(formReferral(), scoresRecorded()))
      .when(scoresRecorded(LATER, { ...ELIGIBLE, ovp2y: 20 }))
      .thenEvents((events) => expect(events[0]).toMatchObject({ data: { eligible: false } }));
  });

  it('records nothing for a late retry of an earlier assessment, after a newer one was recorded', () => {
    const earlier = scoresRecorded('2024-03-10T09:00:00Z', { ...ELIGIBLE, ovp2y: 20 });
    spec
      .given(...caseHistory(formReferral(), earlier, scoresRecorded()))
      .when(scoresRecorded('2024-03-10T09:00:00.000Z', { ...ELIGIBLE, ovp2y: 20 }))
      .thenNothingHappens();
    // The same scores at another instant are another assessment.
    spec
      .given(...caseHistory(formReferral(), earlier, scoresRecorded()))
      .when(scoresRecorded('2024-03-11T09:00:00Z', { ...ELIGIBLE, ovp2y: 20 }))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });
});
