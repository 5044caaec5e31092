import { evolveAll } from '../../../command-handling/src/decider';
import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider } from './case.decider';
import type { CaseCommand } from './commands/case-commands';
import type { CaseEvent } from './events/case-events';
import { caseHistory, iomInput, maracInput, on, referral, rejectionFrom } from './testing/case-fixtures';

/**
 * A decline (IOM: a rejection) ends a case as a closure does, so it is not dated before the work
 * the log shows on the pending case either: `?asOf=` would leave the case out of the cohort on
 * days its panel was discussing, rating or acting on it. Compared by UK day. Cases referred
 * 2024-03-04 (GMT) and worked on while still awaiting the panel's decision.
 */
const spec = deciderSpecification(caseDecider);
const decline = (occurredAt: string) =>
  on('decline-referral', { reason: 'Below threshold on review', occurredAt, dated: true });
const reject = (occurredAt: string) => on('reject-iom-case', { category: 'capacity', occurredAt, dated: true });

const maracWorkedOn = (): CaseCommand[] => [
  referral('MARAC', maracInput()),
  on('list-case', { meetingId: 'meeting-1', meetingPanelCode: 'MARAC', meetingDate: '2024-03-14T10:00:00Z' }),
  on('record-panel-discussion', {
    meetingId: 'meeting-1',
    meetingPhase: 'held',
    meetingHeldAt: '2024-03-14T10:00:00Z',
    attendance: [],
    summary: 'Synthetic',
    decisions: [],
    occurredAt: '2024-03-14T11:00:00Z',
  }),
  on('agree-action', {
    actionId: 'action-1',
    description: 'Check address',
    ownerAgency: 'Police',
    dueBy: '2024-04-30',
    meetingId: 'meeting-1',
    occurredAt: '2024-03-14T11:00:00Z',
  }),
  on('rate-risk', { rating: 'red', occurredAt: '2024-03-19T10:00:00Z' }),
];

const iomWorkedOn = (): CaseCommand[] => [
  referral('IOM', iomInput({ ogrs2y: 80, ovp2y: 35 })),
  on('update-iom-pathways', { pathways: ['accommodation'], occurredAt: '2024-03-10T10:00:00Z' }),
  on('rate-risk', { rating: 'amber', occurredAt: '2024-03-12T10:00:00Z' }),
];

function refusal(history: readonly CaseCommand[], command: CaseCommand) {
  const refused = rejectionFrom(() => caseDecider.decide(command, evolveAll(caseDecider, caseHistory(...history))));
  return { kind: refused.kind, rule: refused.rule, message: refused.message, details: refused.details };
}

describe('case decider: a decline or IOM rejection is not dated before the last step on the case', () => {
  it.each([
    ['a declined referral', maracWorkedOn, decline, '2024-03-09T10:00:00Z', '2024-03-19'],
    ['an IOM rejection', iomWorkedOn, reject, '2024-03-05T10:00:00Z', '2024-03-12'],
  ])('refuses %s dated before the work recorded, naming occurredAt and the last step’s day', (...args) => {
    const [, history, decide, at, lastStepOn] = args;
    const refused = refusal(history(), decide(at));
    expect({ kind: refused.kind, rule: refused.rule }).toEqual({ kind: 'invalid', rule: 'decision-after-last-step' });
    expect(refused.details).toEqual([
      expect.objectContaining({ field: 'occurredAt', rule: 'decision-after-last-step' }),
    ]);
    expect(refused.message).toContain(lastStepOn);
  });

  it('declines on the UK day of the last step, whatever the hour, and later', () => {
    // 00:30Z on 19 March is 00:30 GMT: the rating's day, though before its hour.
    for (const occurredAt of ['2024-03-19T00:30:00Z', '2024-03-25T10:00:00Z']) {
      spec
        .given(...caseHistory(...maracWorkedOn()))
        .when(decline(occurredAt))
        .then([{ type: 'referral-declined', data: { occurredAt, reason: 'Below threshold on review', dated: true } }]);
    }
  });

  it('rejects an IOM case on the UK day of the last step and later (23:30Z in BST is the next day)', () => {
    const history = [
      ...iomWorkedOn(),
      on('update-iom-pathways', { pathways: ['drugs-alcohol'], occurredAt: '2024-04-02T10:00:00Z' }),
    ];
    for (const occurredAt of ['2024-04-01T23:30:00Z', '2024-04-02T08:00:00Z']) {
      spec
        .given(...caseHistory(...history))
        .when(reject(occurredAt))
        .thenEvents((events) => expect(events.map((e) => e.type)).toEqual(['iom-case-rejected', 'referral-declined']));
    }
    expect(refusal(history, reject('2024-04-01T22:30:00Z')).rule).toBe('decision-after-last-step');
  });

  it('is bounded by the latest step by occurredAt, not the last recorded', () => {
    const ratedEarlierLater = [
      ...maracWorkedOn(),
      on('rate-risk', { rating: 'amber', occurredAt: '2024-03-05T10:00:00Z' }),
    ];
    expect(refusal(ratedEarlierLater, decline('2024-03-18T10:00:00Z')).rule).toBe('decision-after-last-step');
  });

  it('still decides a case with no work recorded from the referral’s day on', () => {
    spec
      .given(...caseHistory(referral('MARAC', maracInput())))
      .when(decline('2024-03-04T10:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });

  it('folds a history recorded before the rule, with a decline before its steps, and keeps it declined', () => {
    const older: CaseEvent[] = [
      ...caseHistory(...maracWorkedOn()),
      { type: 'referral-declined', data: { reason: 'Synthetic', occurredAt: '2024-03-05T10:00:00Z', dated: true } },
    ];
    expect(evolveAll(caseDecider, older)).toMatchObject({ phase: 'declined', datedDecisionAt: '2024-03-05T10:00:00Z' });
  });
});
