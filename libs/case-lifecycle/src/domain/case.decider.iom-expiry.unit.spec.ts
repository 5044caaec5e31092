import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider } from './case.decider';
import type { CaseRecord, IomCaseState } from './case-state';
import type { CaseEvent } from './events/case-events';
import { CASE_RULES } from './rule-names';
import { caseHistory, iomInput, LATER, maracInput, on, referral, rejectionFrom } from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);
const eligibleIomCase = () => caseHistory(referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 })));
const flag = (month = '2024-04', reason: 'absent-from-upload' | 'no-longer-eligible' = 'absent-from-upload') =>
  on('flag-iom-cohort-expiry', { month, reason });
const iomOf = (events: readonly CaseEvent[]): IomCaseState =>
  (evolveAll(caseDecider, events) as CaseRecord).panel as IomCaseState;

describe('case decider: IOM core-cohort expiry flag', () => {
  it('flags an open IOM case with the month and reason, without closing it', () => {
    spec
      .given(...eligibleIomCase())
      .when(flag())
      .then([
        {
          type: 'iom-cohort-expiry-flagged',
          data: { month: '2024-04', reason: 'absent-from-upload', occurredAt: LATER },
        },
      ]);
    const history = [...eligibleIomCase(), ...caseDecider.decide(flag(), evolveAll(caseDecider, eligibleIomCase()))];
    const record = evolveAll(caseDecider, history) as CaseRecord;
    expect(record.phase).toBe('referred');
    expect((record.panel as IomCaseState).cohortExpiry).toEqual({ month: '2024-04', reason: 'absent-from-upload' });
  });

  it('records nothing when the same month and reason are flagged again (a re-imported file)', () => {
    spec
      .given(...eligibleIomCase(), ...caseHistory(referral('IOM', iomInput()), flag()).slice(2))
      .when(flag())
      .thenNothingHappens();
  });

  it('flags again for another month or another reason', () => {
    const flagged = caseHistory(referral('IOM', iomInput()), flag('2024-04'));
    spec
      .given(...flagged)
      .when(flag('2024-05'))
      .thenEvents((events) => expect(events).toHaveLength(1));
    spec
      .given(...flagged)
      .when(flag('2024-04', 'no-longer-eligible'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('an eligible re-evaluation clears the flag; a non-eligible one keeps it', () => {
    const evaluate = (ogrs2y: number) =>
      on('evaluate-iom-eligibility', {
        scores: { ogrs2y, ovp2y: 40, robberyOrBurglaryInLast2Years: false },
        source: 'core-cohort-upload',
      });
    const back = caseHistory(referral('IOM', iomInput()), flag(), evaluate(90));
    expect(iomOf(back).cohortExpiry).toBeUndefined();
    const stillOut = caseHistory(referral('IOM', iomInput()), flag(), evaluate(20));
    expect(iomOf(stillOut).cohortExpiry).toEqual({ month: '2024-04', reason: 'absent-from-upload' });
  });

  it('refuses a closed case, a non-IOM case, a bad month and an unknown reason', () => {
    const closed = caseHistory(
      referral('IOM', iomInput()),
      on('adopt-iom-case', { reason: 'core cohort' }),
      on('close-case', { exitStatus: 'success' }),
    );
    spec
      .given(...closed)
      .when(flag())
      .thenRejects('conflict', CASE_RULES.caseOpen);
    spec
      .given(...caseHistory(referral('MARAC', maracInput())))
      .when(flag())
      .thenRejects('conflict', CASE_RULES.panelKind);
    spec
      .given(...eligibleIomCase())
      .when(flag('2024-13'))
      .thenRejects('invalid', 'year-month');
    spec
      .given(...eligibleIomCase())
      .when(on('flag-iom-cohort-expiry', { month: '2024-04', reason: 'moved' as never }))
      .thenRejects('invalid');
  });
});

describe('case decider: adopting a pending IOM case the upload flagged expired', () => {
  // Eligible when referred in March, then absent from the April upload: not eligible now.
  const expired = () => caseHistory(referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 })), flag());

  it('refuses adoption as eligible, naming the core-cohort rule and the flag', () => {
    const refusal = rejectionFrom(() =>
      caseDecider.decide(on('adopt-iom-case', { reason: 'core cohort' }), evolveAll(caseDecider, expired())),
    );
    expect(refusal.kind).toBe('rule-refused');
    expect(refusal.rule).toBe(CASE_RULES.iomCoreCohortEligibility);
    expect(refusal.message).toContain('2024-04');
  });

  it('adopts it by discretion, with its category', () => {
    spec
      .given(...expired())
      .when(on('adopt-iom-case-by-discretion', { category: 'neighbourhood-crime' }))
      .thenEvents((events) => {
        expect(events.map((event) => event.type)).toEqual(['iom-discretionary-adoption', 'referral-accepted']);
        expect(events[0]?.data).toMatchObject({ category: 'neighbourhood-crime' });
      });
  });

  it('records a rejection of it as of a case not eligible when rejected', () => {
    spec
      .given(...expired())
      .when(on('reject-iom-case', { category: 'capacity', reason: 'No capacity this quarter' }))
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ eligibleWhenRejected: false }));
  });

  it('adopts it as eligible again once an upload finds it eligible', () => {
    const back = on('evaluate-iom-eligibility', {
      scores: { ogrs2y: 90, ovp2y: 40, robberyOrBurglaryInLast2Years: false },
      source: 'core-cohort-upload',
      month: '2024-05',
    });
    spec
      .given(...caseHistory(referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 })), flag(), back))
      .when(on('adopt-iom-case', { reason: 'core cohort' }))
      .thenEvents((events) => expect(events[0]?.type).toBe('iom-case-adopted'));
  });
});
