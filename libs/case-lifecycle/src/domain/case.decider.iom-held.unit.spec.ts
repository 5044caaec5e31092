import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider, createCaseDecider } from './case.decider';
import { definePanelRegistry, DEFAULT_PANEL_REGISTRY, IOM_PANEL } from './panel-registry';
import { LONDON_2021_ELIGIBILITY_POLICY } from './rules/iom-eligibility';
import { caseHistory, iomInput, on, referral, rejectionFrom } from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);
const RECORDED = { ogrs2y: 80, ovp2y: 35, robberyOrBurglaryInLast2Years: false };
const held = (month: string | undefined, scores = RECORDED) =>
  on('evaluate-iom-eligibility', {
    scores,
    source: 'core-cohort-upload',
    ...(month === undefined ? {} : { month }),
    repeatStanding: true,
  });
/** The registry with IOM's policy at version 2, its OGRS-alone threshold moved. */
const withIomPolicy = (ogrsAlone: number) =>
  definePanelRegistry([
    ...DEFAULT_PANEL_REGISTRY.panels.filter((panel) => panel.code !== 'IOM'),
    {
      ...IOM_PANEL,
      rules: {
        kind: 'iom',
        eligibilityPolicy: {
          ...LONDON_2021_ELIGIBILITY_POLICY,
          version: 2,
          thresholds: { ...LONDON_2021_ELIGIBILITY_POLICY.thresholds, ogrsAlone },
        },
      },
    },
  ]);
const eligibleCase = () => caseHistory(referral('IOM', iomInput(RECORDED, { route: 'core-partner' })));

describe('case decider: a held upload row repeating an IOM case’s standing for its month', () => {
  it('records the case’s own scores again with the month, its eligibility unchanged', () => {
    spec
      .given(...eligibleCase())
      .when(held('2024-04'))
      .thenEvents(([event, ...rest]) => {
        expect(rest).toEqual([]);
        expect(event?.data).toMatchObject({ eligible: true, inputs: RECORDED, month: '2024-04' });
      });
  });

  it('records nothing that would change the standing', () => {
    // Not the case's recorded scores.
    spec
      .given(...eligibleCase())
      .when(held('2024-04', { ...RECORDED, ogrs2y: 20 }))
      .thenNothingHappens();
    // An eligible evaluation would lift the flag the case carries.
    const flagged = caseHistory(
      referral('IOM', iomInput(RECORDED, { route: 'core-partner' })),
      on('flag-iom-cohort-expiry', { month: '2024-03', reason: 'absent-from-upload' }),
    );
    spec
      .given(...flagged)
      .when(held('2024-04'))
      .thenNothingHappens();
    // The policy now judges the recorded scores otherwise.
    const stricter = withIomPolicy(90);
    deciderSpecification(createCaseDecider(stricter))
      .given(...eligibleCase())
      .when(held('2024-04'))
      .thenNothingHappens();
    // Another policy version judging them the same would still put its version and thresholds on the case.
    deciderSpecification(createCaseDecider(withIomPolicy(LONDON_2021_ELIGIBILITY_POLICY.thresholds.ogrsAlone - 1)))
      .given(...eligibleCase())
      .when(held('2024-04'))
      .thenNothingHappens();
  });

  it('refuses repeatStanding without the upload month, or not true or false, naming the field', () => {
    const open = evolveAll(caseDecider, eligibleCase());
    const refusal = (command: Parameters<typeof caseDecider.decide>[0]) =>
      rejectionFrom(() => caseDecider.decide(command, open)).details;
    expect(refusal(held(undefined))).toEqual([
      expect.objectContaining({ field: 'repeatStanding', rule: 'upload-month-required' }),
    ]);
    const notBoolean = {
      ...held('2024-04'),
      data: { ...held('2024-04').data, repeatStanding: 'yes' as unknown as boolean },
    };
    expect(refusal(notBoolean)).toEqual([expect.objectContaining({ field: 'repeatStanding', rule: 'boolean' })]);
  });
});
