import { LONDON_2021_ELIGIBILITY_POLICY, type IomEligibilityPolicy } from '../../../case-lifecycle/src/domain';
import { parseCounterfactualInput } from './counterfactual-input';

const PERIOD = { from: '2024-01-01', to: '2024-03-31' };
const LOWERED_V2: IomEligibilityPolicy = {
  id: 'london-2021',
  version: 2,
  title: 'London IOM framework 2021, lowered thresholds',
  thresholds: { ogrsAlone: 70, ogrsWithRobberyOrBurglary: 45, ovpMinimum: 25 },
};
const OTHER_AREA: IomEligibilityPolicy = {
  id: 'north-2025',
  version: 1,
  title: 'Synthetic other area',
  thresholds: { ogrsAlone: 80, ogrsWithRobberyOrBurglary: 60, ovpMinimum: 20 },
};

const refusal = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('parseCounterfactualInput: named policies mean the policy in force', () => {
  it('reads a policy named by the in-force id as the configured version, for the alternative and the baseline', () => {
    const input = parseCounterfactualInput({ ...PERIOD, policy: 'london-2021', baseline: 'london-2021' }, LOWERED_V2);
    const v2 = { id: 'london-2021', thresholds: LOWERED_V2.thresholds };
    expect(input).toEqual({ ...PERIOD, policy: v2, baseline: v2 });
  });

  it('keeps London 2021 v1 by name when another policy is in force, and names that one by its id', () => {
    const input = parseCounterfactualInput({ ...PERIOD, policy: 'north-2025', baseline: 'london-2021' }, OTHER_AREA);
    expect(input.policy).toEqual({ id: 'north-2025', thresholds: OTHER_AREA.thresholds });
    expect(input.baseline).toEqual({ id: 'london-2021', thresholds: LONDON_2021_ELIGIBILITY_POLICY.thresholds });
  });

  it('leaves a policy given as thresholds as the request gave it', () => {
    const given = { id: 'any-ovp', ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 0 };
    const input = parseCounterfactualInput({ ...PERIOD, policy: given }, LOWERED_V2);
    expect(input.policy).toEqual({
      id: 'any-ovp',
      thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 0 },
    });
    expect(input.baseline).toBeUndefined();
  });

  it.each(['london-2020', 'toString', '__proto__'])('refuses %s as no known policy, naming the field', (name) => {
    expect(
      refusal(() => parseCounterfactualInput({ ...PERIOD, baseline: name, policy: 'london-2021' }, OTHER_AREA)),
    ).toMatchObject({
      kind: 'invalid',
      details: [
        {
          field: 'baseline',
          rule: 'known-policy',
          message: 'baseline names no known policy (known: london-2021, north-2025)',
        },
      ],
    });
  });
});
