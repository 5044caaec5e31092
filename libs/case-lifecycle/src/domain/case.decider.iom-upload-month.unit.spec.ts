import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider } from './case.decider';
import type { CaseRecord, IomCaseState } from './case-state';
import type { CaseEvent } from './events/case-events';
import { caseHistory, iomInput, on, referral, rejectionFrom } from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);
const ELIGIBLE = { ogrs2y: 80, ovp2y: 35, robberyOrBurglaryInLast2Years: false };
const NOT_ELIGIBLE = { ogrs2y: 20, ovp2y: 10, robberyOrBurglaryInLast2Years: false };
const upload = (month: string, scores = ELIGIBLE) =>
  on('evaluate-iom-eligibility', { scores, source: 'core-cohort-upload', month });
const flag = (month: string) => on('flag-iom-cohort-expiry', { month, reason: 'no-longer-eligible' });
const iomOf = (events: readonly CaseEvent[]): IomCaseState =>
  (evolveAll(caseDecider, events) as CaseRecord).panel as IomCaseState;
const referredByCoordinator = () => referral('IOM', iomInput(NOT_ELIGIBLE, { route: 'core-partner' }));

describe('case decider: the month of the core-cohort upload that spoke to an IOM case', () => {
  it('records the upload month on the evaluation and keeps the latest month the case heard from', () => {
    spec
      .given(...caseHistory(referredByCoordinator()))
      .when(upload('2024-04'))
      .thenEvents(([event]) => expect(event?.data).toMatchObject({ source: 'core-cohort-upload', month: '2024-04' }));
    expect(iomOf(caseHistory(referredByCoordinator(), upload('2024-04'), flag('2024-05'))).uploadMonth).toBe('2024-05');
  });

  it('puts the month on the evaluation of a referral the import opened', () => {
    const [, evaluation] = caseHistory(referral('IOM', iomInput(ELIGIBLE, { cohortMonth: '2024-04' })));
    expect(evaluation?.data).toMatchObject({ source: 'referral', eligible: true, month: '2024-04' });
  });

  it("records neither an earlier month's evaluation nor its flag once a later month spoke", () => {
    const april = caseHistory(referredByCoordinator(), upload('2024-04'));
    spec
      .given(...april)
      .when(upload('2024-03', NOT_ELIGIBLE))
      .thenNothingHappens();
    spec
      .given(...april)
      .when(flag('2024-03'))
      .thenNothingHappens();
    const openedInApril = caseHistory(referral('IOM', iomInput(ELIGIBLE, { cohortMonth: '2024-04' })));
    spec
      .given(...openedInApril)
      .when(flag('2024-03'))
      .thenNothingHappens();
  });

  it("keeps the later month's word against an earlier month's evaluation and flag already in the log", () => {
    // Two imports racing, or a log written before imports checked the month.
    const april = caseHistory(referredByCoordinator(), upload('2024-04'));
    const lateMarch = caseHistory(referredByCoordinator(), upload('2024-03', NOT_ELIGIBLE), flag('2024-03')).slice(2);
    const iom = iomOf([...april, ...lateMarch]);
    expect(iom.eligibility?.eligible).toBe(true);
    expect(iom.cohortExpiry).toBeUndefined();
    expect(iom.uploadMonth).toBe('2024-04');
  });

  it('counts an evaluation without a month where it stands in the log', () => {
    const reassessed = caseHistory(
      referredByCoordinator(),
      upload('2024-04'),
      on('evaluate-iom-eligibility', { scores: NOT_ELIGIBLE, source: 're-assessment' }),
    );
    expect(iomOf(reassessed).eligibility?.eligible).toBe(false);
    expect(iomOf(reassessed).uploadMonth).toBe('2024-04');
  });

  it('refuses a month that is not YYYY-MM, or given with a re-assessment or another referral route', () => {
    const open = evolveAll(caseDecider, caseHistory(referredByCoordinator()));
    const refusal = (command: Parameters<typeof caseDecider.decide>[0]) =>
      rejectionFrom(() => caseDecider.decide(command, open)).details;
    expect(refusal(upload('2024-4'))).toEqual([expect.objectContaining({ field: 'month', rule: 'year-month' })]);
    expect(
      refusal(on('evaluate-iom-eligibility', { scores: ELIGIBLE, source: 're-assessment', month: '2024-04' })),
    ).toEqual([expect.objectContaining({ field: 'month', rule: 'core-cohort-upload-only' })]);
    const byPartner = referral('IOM', iomInput(ELIGIBLE, { route: 'core-partner', cohortMonth: '2024-04' }));
    expect(rejectionFrom(() => caseHistory(byPartner)).details).toEqual([
      expect.objectContaining({ field: 'iom.cohortMonth', rule: 'core-cohort-upload-only' }),
    ]);
    const badMonth = referral('IOM', iomInput(ELIGIBLE, { cohortMonth: 'April' }));
    expect(rejectionFrom(() => caseHistory(badMonth)).details).toEqual([
      expect.objectContaining({ field: 'iom.cohortMonth', rule: 'year-month' }),
    ]);
  });
});
