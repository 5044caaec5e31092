import { evolveAll } from '../../../command-handling/src/decider';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { caseDecider, iomEligibleOn, type CaseEvent, type CaseRecord, type IomCaseState } from '../domain';
import { caseHistory, iomInput, on, referral } from '../domain/testing/case-fixtures';
import { evolveTrackedCase, type TrackedCase } from './cohort-tracked-case';

const flag = (month: string) => on('flag-iom-cohort-expiry', { month, reason: 'absent-from-upload' });
const upload = (month: string, ogrs2y: number) =>
  on('evaluate-iom-eligibility', {
    scores: { ogrs2y, ovp2y: 40, robberyOrBurglaryInLast2Years: false },
    source: 'core-cohort-upload',
    month,
  });

const tracked = (events: readonly CaseEvent[]): TrackedCase | undefined =>
  events.reduce<TrackedCase | undefined>(
    (row, event) => evolveTrackedCase(row, event as unknown as RecordedEvent),
    undefined,
  );

/**
 * The tracker's `eligible` column and the deciders' "eligible now" must agree, or the panel adopts
 * as eligible someone the tracker and eligible-not-adopted count as not eligible.
 */
describe('IOM tracker: eligible as the deciders judge adoption', () => {
  const histories: Record<string, () => CaseEvent[]> = {
    'referred eligible': () => caseHistory(referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 }))),
    'referred not eligible': () => caseHistory(referral('IOM', iomInput({ ogrs2y: 20, ovp2y: 35 }))),
    'eligible, then absent from an upload': () =>
      caseHistory(referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 })), flag('2024-04')),
    'flagged, then eligible again': () =>
      caseHistory(referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 })), flag('2024-04'), upload('2024-05', 90)),
    'flagged, then not eligible': () =>
      caseHistory(referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 })), flag('2024-04'), upload('2024-05', 20)),
  };

  it.each(Object.keys(histories))('%s', (name) => {
    const events = (histories[name] as () => CaseEvent[])();
    const iom = (evolveAll(caseDecider, events) as CaseRecord).panel as IomCaseState;
    expect(tracked(events)?.iomEligible).toBe(Number(iomEligibleOn(iom)));
  });
});
