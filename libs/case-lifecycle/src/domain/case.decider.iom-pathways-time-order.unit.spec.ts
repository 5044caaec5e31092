import { evolveAll } from '../../../command-handling/src/decider';
import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider } from './case.decider';
import type { CaseRecord } from './case-state';
import { caseHistory, iomInput, on, referral } from './testing/case-fixtures';
import type { IomPathway } from './vocabulary/iom';

/**
 * Each pathways review is the full set of needs identified on its day. Offender managers enter
 * reviews late, so an older review typed in after a newer one is history, not the case's current
 * set: the case view, the tracker and `?asOf=` read them by `occurredAt`, as they read RAG and
 * status. A review naming the same set again is the panel's word on its day too; only a retry (the
 * same set with the same `occurredAt` as the current set) records nothing. Referred 2024-03-04, adopted.
 */
const spec = deciderSpecification(caseDecider);
const MONTH_AGO = '2024-03-10T10:00:00Z';
const MID = '2024-03-25T10:00:00Z';
const RECENT = '2024-04-09T10:00:00Z';
const review = (pathways: IomPathway[], occurredAt: string) => on('update-iom-pathways', { pathways, occurredAt });
const adopted = () => [
  referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 })),
  on('adopt-iom-case', { reason: 'Core cohort' }),
];
const pathwaysAfter = (...reviews: ReturnType<typeof review>[]) => {
  const record = evolveAll(caseDecider, caseHistory(...adopted(), ...reviews)) as CaseRecord;
  return record.panel.kind === 'iom' ? record.panel.pathways : undefined;
};

describe('case decider: IOM pathways entered out of time order', () => {
  it('keeps the newer review when an older one is entered after it', () => {
    expect(
      pathwaysAfter(review(['accommodation', 'drugs-alcohol'], RECENT), review(['accommodation'], MONTH_AGO)),
    ).toEqual(['accommodation', 'drugs-alcohol']);
  });

  it('takes a review dated after the current one, and on a tie the one entered later', () => {
    expect(pathwaysAfter(review(['accommodation'], MONTH_AGO), review(['finance-debt'], RECENT))).toEqual([
      'finance-debt',
    ]);
    expect(pathwaysAfter(review(['accommodation'], RECENT), review(['finance-debt'], RECENT))).toEqual([
      'finance-debt',
    ]);
  });

  it('records the current set again when dated before it: it held from that earlier day', () => {
    spec
      .given(...caseHistory(...adopted(), review(['accommodation'], MONTH_AGO), review(['attitudes'], RECENT)))
      .when(review(['attitudes'], MID))
      .then([{ type: 'iom-pathways-updated', data: { pathways: ['attitudes'], occurredAt: MID } }]);
  });

  it('records the current set again, dated later: the panel identified the same needs that day', () => {
    spec
      .given(...caseHistory(...adopted(), review(['attitudes'], MID)))
      .when(review(['attitudes'], RECENT))
      .then([{ type: 'iom-pathways-updated', data: { pathways: ['attitudes'], occurredAt: RECENT } }]);
  });

  it('records nothing for the current set sent again with the same occurredAt (a retry), in any order', () => {
    spec
      .given(...caseHistory(...adopted(), review(['attitudes', 'finance-debt'], RECENT)))
      .when(review(['finance-debt', 'attitudes'], '2024-04-09T11:00:00+01:00'))
      .thenNothingHappens();
  });

  it('keeps a later review repeating the set current when an earlier review is entered after it', () => {
    expect(
      pathwaysAfter(
        review(['accommodation', 'drugs-alcohol'], MONTH_AGO),
        review(['accommodation', 'drugs-alcohol'], RECENT), // the next review: the same needs
        review(['attitudes'], MID), // a review between the two, typed up last
      ),
    ).toEqual(['accommodation', 'drugs-alcohol']);
  });
});
