import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { caseDecider } from './case.decider';
import { CASE_RULES } from './rule-names';
import { caseHistory, iomInput, on, referral, REFERRED_AT, rejectionFrom } from './testing/case-fixtures';

/**
 * Coordinators type up an IOM panel's decisions after the meeting, often after the next monthly
 * upload has spoken. The panel decided on the case as it stood that day, so a decision is judged
 * on the uploads' words dated by its `occurredAt`, not on a word that came later. Referred
 * 2024-03-04; the panel sat on 28 March; the April file was received on 2 April.
 */
const spec = deciderSpecification(caseDecider);
const PANEL_DAY = '2024-03-28T10:00:00Z';
const APRIL_FILE = '2024-04-02T09:00:00Z';
const AFTER_APRIL_FILE = '2024-04-03T10:00:00Z';

const eligibleThenAbsent = () =>
  caseHistory(
    referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 })),
    on('flag-iom-cohort-expiry', { month: '2024-04', reason: 'absent-from-upload', occurredAt: APRIL_FILE }),
  );
const notEligibleThenEligible = () =>
  caseHistory(
    referral('IOM', iomInput({ ogrs2y: 30, ovp2y: 10 })),
    on('evaluate-iom-eligibility', {
      scores: { ogrs2y: 90, ovp2y: 40, robberyOrBurglaryInLast2Years: false },
      source: 'core-cohort-upload',
      month: '2024-04',
      occurredAt: APRIL_FILE,
    }),
  );

const adopt = (occurredAt: string) => on('adopt-iom-case', { reason: 'Agreed at the March panel', occurredAt });
const byDiscretion = (occurredAt: string) =>
  on('adopt-iom-case-by-discretion', { category: 'other', reason: 'Agreed at the March panel', occurredAt });
const reject = (occurredAt: string) =>
  on('reject-iom-case', { category: 'capacity', reason: 'No capacity at the March panel', occurredAt });

describe('case decider: an IOM decision typed up after a later upload spoke', () => {
  it('adopts as eligible a case eligible on the panel day, though the next upload left it out', () => {
    spec
      .given(...eligibleThenAbsent())
      .when(adopt(PANEL_DAY))
      .thenEvents((events) => {
        expect(events.map((event) => event.type)).toEqual(['iom-case-adopted', 'referral-accepted']);
        expect(events[0]?.data).toMatchObject({ eligibilityPolicy: { id: 'london-2021', version: 1 } });
      });
  });

  it('refuses to record that adoption as discretionary: the case was eligible that day', () => {
    spec
      .given(...eligibleThenAbsent())
      .when(byDiscretion(PANEL_DAY))
      .thenRejects('rule-refused', CASE_RULES.iomDiscretionForNonEligible);
  });

  it('records a rejection on the panel day as of an eligible case', () => {
    spec
      .given(...eligibleThenAbsent())
      .when(reject(PANEL_DAY))
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ eligibleWhenRejected: true }));
  });

  it('judges a decision dated after the upload on what the upload said', () => {
    const refusal = rejectionFrom(() =>
      caseDecider.decide(adopt(AFTER_APRIL_FILE), evolveAll(caseDecider, eligibleThenAbsent())),
    );
    expect([refusal.rule, refusal.message]).toEqual([
      CASE_RULES.iomCoreCohortEligibility,
      expect.stringContaining('2024-04'),
    ]);
    spec
      .given(...eligibleThenAbsent())
      .when(reject(AFTER_APRIL_FILE))
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ eligibleWhenRejected: false }));
  });

  it('keeps a discretionary adoption decided while not eligible, though a later upload found the case eligible', () => {
    spec
      .given(...notEligibleThenEligible())
      .when(byDiscretion(PANEL_DAY))
      .thenEvents((events) =>
        expect(events.map((event) => event.type)).toEqual(['iom-discretionary-adoption', 'referral-accepted']),
      );
    spec
      .given(...notEligibleThenEligible())
      .when(adopt(PANEL_DAY))
      .thenRejects('rule-refused', CASE_RULES.iomCoreCohortEligibility);
    spec
      .given(...notEligibleThenEligible())
      .when(reject(PANEL_DAY))
      .thenEvents((events) => expect(events[0]?.data).toMatchObject({ eligibleWhenRejected: false }));
  });

  it("judges a decision dated earlier on the referral's day than the referral on the referral's evaluation", () => {
    const earlierThatDay = '2024-03-04T08:00:00Z';
    expect(Date.parse(earlierThatDay)).toBeLessThan(Date.parse(REFERRED_AT));
    spec
      .given(...caseHistory(referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 }))))
      .when(adopt(earlierThatDay))
      .thenEvents((events) => expect(events[0]?.type).toBe('iom-case-adopted'));
  });
});
