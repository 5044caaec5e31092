import { evolveAll } from '../../../command-handling/src/decider';
import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider } from './case.decider';
import type { CaseCommand } from './commands/case-commands';
import type { CaseEvent } from './events/case-events';
import { accepted, caseHistory, maracInput, on, referral, rejectionFrom } from './testing/case-fixtures';

/**
 * A closure is not dated before the work the log shows on the case: `?asOf=` and the evaluation
 * reports replay by `occurredAt`, and would drop a case while its panel was still discussing,
 * rating or acting on it, or count a plan "completed" before it was agreed. Compared by UK day.
 * MARAC case referred 2024-03-04 (GMT), accepted undated (so only the referral and the steps bound).
 */
const spec = deciderSpecification(caseDecider);
const action = { actionId: 'action-1', description: 'Refuge place', ownerAgency: 'IDVA service', dueBy: '2024-04-30' };
const workedOn = (): CaseCommand[] => [
  referral('MARAC', maracInput()),
  accepted(),
  on('agree-action', { ...action, occurredAt: '2024-03-20T10:00:00Z' }),
  on('complete-action', { actionId: 'action-1', occurredAt: '2024-04-20T10:00:00Z' }),
  on('rate-risk', { rating: 'red', occurredAt: '2024-04-21T10:00:00Z' }),
];
const close = (occurredAt: string, exitStatus = 'action-plan-completed') =>
  on('close-case', { exitStatus, occurredAt });

function refusal(history: readonly CaseCommand[], command: CaseCommand) {
  const refused = rejectionFrom(() => caseDecider.decide(command, evolveAll(caseDecider, caseHistory(...history))));
  return { kind: refused.kind, details: refused.details.map(({ field, rule }) => ({ field, rule })) };
}

describe('case decider: a closure is not dated before the last step on the case', () => {
  it('refuses "action plan completed" on a day before the plan was agreed, naming occurredAt and the last step\'s day', () => {
    const refused = rejectionFrom(() =>
      caseDecider.decide(close('2024-03-10T10:00:00Z'), evolveAll(caseDecider, caseHistory(...workedOn()))),
    );
    expect({ kind: refused.kind, rule: refused.rule }).toEqual({ kind: 'invalid', rule: 'closure-after-last-step' });
    expect(refused.details).toEqual([
      expect.objectContaining({ field: 'occurredAt', rule: 'closure-after-last-step' }),
    ]);
    expect(refused.message).toContain('2024-04-21');
  });

  it.each([
    ['a discussion', [on('record-panel-discussion', discussedAt('2024-04-10T11:00:00Z'))]],
    ['an intervention started', arrangedThenStarted()],
    [
      'an engagement level',
      [on('record-engagement', { level: 'some-engagement-and-motivation', occurredAt: '2024-04-10T11:00:00Z' })],
    ],
    ['a status', [on('change-case-status', { status: 'on-hold', occurredAt: '2024-04-10T11:00:00Z' })]],
  ])('refuses a closure on a UK day before %s', (_, steps) => {
    const history = [referral('MAPPA', { kind: 'generic' }), accepted(), ...listed(), ...steps];
    expect(refusal(history, close('2024-04-09T10:00:00Z', 'risk-reduced'))).toEqual({
      kind: 'invalid',
      details: [{ field: 'occurredAt', rule: 'closure-after-last-step' }],
    });
  });

  it('closes on the UK day of the last step, whatever the hour, and later', () => {
    // 23:30Z on 20 April is 00:30 BST on 21 April: the rating's day.
    for (const occurredAt of ['2024-04-20T23:30:00Z', '2024-04-21T09:00:00Z', '2024-05-01T10:00:00Z']) {
      spec
        .given(...caseHistory(...workedOn()))
        .when(close(occurredAt))
        .then([{ type: 'case-closed', data: { exitStatus: 'action-plan-completed', occurredAt } }]);
    }
  });

  it('is bounded by the latest step by occurredAt, not the last recorded', () => {
    const ratedEarlierLater = [...workedOn(), on('rate-risk', { rating: 'amber', occurredAt: '2024-03-25T10:00:00Z' })];
    expect(refusal(ratedEarlierLater, close('2024-04-20T10:00:00Z')).details).toEqual([
      { field: 'occurredAt', rule: 'closure-after-last-step' },
    ]);
  });

  it('folds a history recorded before the rule, with a closure before its steps, and keeps it closed', () => {
    const older: CaseEvent[] = [
      ...caseHistory(...workedOn()),
      { type: 'case-closed', data: { exitStatus: 'action-plan-completed', occurredAt: '2024-03-10T10:00:00Z' } },
    ];
    expect(evolveAll(caseDecider, older)).toMatchObject({ phase: 'closed', closedAt: '2024-03-10T10:00:00Z' });
  });
});

function listed(): CaseCommand[] {
  return [on('list-case', { meetingId: 'meeting-1', meetingPanelCode: 'MAPPA', meetingDate: '2024-04-10' })];
}

function discussedAt(occurredAt: string) {
  return {
    meetingId: 'meeting-1',
    meetingPhase: 'held',
    meetingHeldAt: '2024-04-10T10:00:00Z',
    attendance: [],
    summary: 'Synthetic',
    decisions: [],
    occurredAt,
  } as const;
}

function arrangedThenStarted(): CaseCommand[] {
  const intervention = { interventionId: 'intervention-1', interventionType: 'Mentoring', provider: 'Test Trust' };
  return [
    on('arrange-intervention', { ...intervention, occurredAt: '2024-04-01T10:00:00Z' }),
    on('start-intervention', { interventionId: 'intervention-1', occurredAt: '2024-04-10T11:00:00Z' }),
  ];
}
