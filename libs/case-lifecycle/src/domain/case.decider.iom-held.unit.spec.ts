import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider, createCaseDecider, type CaseDecider } from './case.decider';
import type { CaseRecord } from './case-state';
import type { CaseEvent } from './events/case-events';
import { definePanelRegistry, DEFAULT_PANEL_REGISTRY, IOM_PANEL } from './panel-registry';
import { LONDON_2021_ELIGIBILITY_POLICY } from './rules/iom-eligibility';
import { caseHistory, iomInput, on, referral, rejectionFrom } from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);
const RECORDED = { ogrs2y: 80, ovp2y: 35, robberyOrBurglaryInLast2Years: false };
const NOT_ELIGIBLE = { ogrs2y: 20, ovp2y: 10, robberyOrBurglaryInLast2Years: false };
const held = (month: string) => on('hold-iom-standing', { month, held: 'scores-unreadable' });
const lateMarch = () => [
  on('evaluate-iom-eligibility', { scores: NOT_ELIGIBLE, source: 'core-cohort-upload', month: '2024-03' }),
  on('flag-iom-cohort-expiry', { month: '2024-03', reason: 'no-longer-eligible' }),
];
/** The registry with IOM's policy at version 2, its OGRS-alone threshold moved. */
const withIomPolicy = (ogrsAlone: number) =>
  createCaseDecider(
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
    ]),
  );
const eligibleCase = () => caseHistory(referral('IOM', iomInput(RECORDED, { route: 'core-partner' })));
const flaggedCase = () =>
  caseHistory(
    referral('IOM', iomInput(RECORDED, { route: 'core-partner' })),
    on('flag-iom-cohort-expiry', { month: '2024-03', reason: 'absent-from-upload' }),
  );
// A case referred before referrals were evaluated: nothing to say again.
const neverEvaluated = () => eligibleCase().slice(0, 1);

const stateOf = (decider: CaseDecider, events: readonly CaseEvent[]) => evolveAll(decider, events) as CaseRecord;

/**
 * April's held row, then each of a late March file's words on the case: the case hears April
 * and nothing else, so March writes nothing and the case stands as before April.
 */
function expectAprilListedAndMarchRefused(decider: CaseDecider, given: readonly CaseEvent[]): void {
  const april = decider.decide(held('2024-04'), stateOf(decider, given));
  expect(april).toEqual([
    { type: 'iom-listed-in-upload', data: expect.objectContaining({ month: '2024-04', held: 'scores-unreadable' }) },
  ]);
  const before = stateOf(decider, given);
  const after = stateOf(decider, [...given, ...april]);
  // The held row joins the words on the case's standing, and changes nothing else but the month.
  const words = before.panel.kind === 'iom' ? before.panel.standingHistory : [];
  const heard = { said: 'listed', month: '2024-04', occurredAt: expect.any(String) };
  expect(after).toEqual({
    ...before,
    panel: { ...before.panel, uploadMonth: '2024-04', standingHistory: [...words, heard] },
  });
  for (const word of lateMarch()) expect(decider.decide(word, after)).toEqual([]);
}

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

  it('lists the case for the month, nothing else, when the current policy judges its recorded scores otherwise', () => {
    expectAprilListedAndMarchRefused(withIomPolicy(90), eligibleCase());
    // Another version judging them alike would still put its version and thresholds on the case.
    const alike = withIomPolicy(LONDON_2021_ELIGIBILITY_POLICY.thresholds.ogrsAlone - 1);
    expectAprilListedAndMarchRefused(alike, eligibleCase());
  });

  it('lists an eligible case carrying an expiry flag, keeping the flag', () => {
    expectAprilListedAndMarchRefused(caseDecider, flaggedCase());
    expect(stateOf(caseDecider, flaggedCase()).panel).toMatchObject({ cohortExpiry: { month: '2024-03' } });
  });

  it('lists a case that was never evaluated', () => {
    expectAprilListedAndMarchRefused(caseDecider, neverEvaluated());
  });

  it('writes nothing for a month the case already heard, or an earlier one', () => {
    const listed = [
      ...neverEvaluated(),
      ...caseDecider.decide(held('2024-04'), stateOf(caseDecider, neverEvaluated())),
    ];
    spec
      .given(...listed)
      .when(held('2024-04'))
      .thenNothingHappens();
    spec
      .given(...listed)
      .when(held('2024-03'))
      .thenNothingHappens();
    const repeated = caseHistory(referral('IOM', iomInput(RECORDED, { route: 'core-partner' })), held('2024-04'));
    spec
      .given(...repeated)
      .when(held('2024-04'))
      .thenNothingHappens();
  });

  it('refuses a month that is not YYYY-MM, or a held reason it does not know, naming the field', () => {
    const open = evolveAll(caseDecider, eligibleCase());
    const refusal = (command: Parameters<typeof caseDecider.decide>[0]) =>
      rejectionFrom(() => caseDecider.decide(command, open)).details;
    expect(refusal(held('2024-4'))).toEqual([expect.objectContaining({ field: 'month', rule: 'year-month' })]);
    const unknownReason = { ...held('2024-04'), data: { ...held('2024-04').data, held: 'typo' as 'row-unreadable' } };
    expect(refusal(unknownReason)).toEqual([expect.objectContaining({ field: 'held', rule: 'one-of' })]);
  });
});
