import { evaluateIomEligibility, LONDON_2021_ELIGIBILITY_POLICY, type IomEligibilityPolicy } from './iom-eligibility';

const evaluate = (ogrs2y: number, ovp2y: number, robberyOrBurglaryInLast2Years: boolean) =>
  evaluateIomEligibility(LONDON_2021_ELIGIBILITY_POLICY, { ogrs2y, ovp2y, robberyOrBurglaryInLast2Years });

describe('IOM core-cohort eligibility, London 2021 v1', () => {
  it.each([
    [75, 30, false, true, 'ogrs-alone'],
    [74.9, 30, false, false, null],
    [74.9, 30, true, true, 'ogrs-with-robbery-or-burglary'],
    [50, 30, true, true, 'ogrs-with-robbery-or-burglary'],
    [49.9, 30, true, false, null],
    [50, 30, false, false, null],
    [90, 29.9, true, false, 'ogrs-alone'],
    [100, 100, false, true, 'ogrs-alone'],
    [0, 0, false, false, null],
  ])('OGRS %p, OVP %p, robbery/burglary %p → eligible %p (%p)', (ogrs, ovp, acquisitive, eligible, route) => {
    const result = evaluate(ogrs, ovp, acquisitive);
    expect(result.eligible).toBe(eligible);
    expect(result.ogrsRoute).toBe(route);
  });

  it('names the policy and the thresholds it applied', () => {
    expect(evaluate(80, 40, false)).toEqual({
      policy: { id: 'london-2021', version: 1 },
      thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 30 },
      eligible: true,
      ogrsRoute: 'ogrs-alone',
      ovpMet: true,
    });
  });

  it('applies another version of the policy when the registry holds one', () => {
    const stricter: IomEligibilityPolicy = {
      id: 'london-2021',
      version: 2,
      title: 'Hypothetical stricter OVP',
      thresholds: { ...LONDON_2021_ELIGIBILITY_POLICY.thresholds, ovpMinimum: 40 },
    };
    const result = evaluateIomEligibility(stricter, { ogrs2y: 80, ovp2y: 35, robberyOrBurglaryInLast2Years: false });
    expect(result).toMatchObject({ eligible: false, policy: { id: 'london-2021', version: 2 }, ovpMet: false });
  });
});
