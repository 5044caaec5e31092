import { evolveAll } from '../../../command-handling/src/decider';
import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider } from './case.decider';
import type { CaseCommand } from './commands/case-commands';
import { requireRecordedByNow } from './rules/recorded-by-now';
import { caseHistory, iomInput, on, referral, rejectionFrom } from './testing/case-fixtures';

/**
 * Referred 2024-03-04T10:00Z (a Monday, GMT). Listings, discussions, actions, interventions and
 * IOM pathways are facts that happened: dated 1990 they would sit in the tracker and `?asOf=`
 * before anyone had heard of the case, dated 2031 they would count as done today.
 */
const spec = deciderSpecification(caseDecider);
const NOW = '2026-11-24T10:00:00Z';
const SAME_UK_DAY_BEFORE_REFERRAL = '2024-03-04T08:00:00Z';
const EVE_OF_REFERRAL = '2024-03-03T23:30:00Z';
const FUTURE = ['2031-01-01T00:00:00Z', '2026-11-24T10:05:01Z'];

const mappa = () => referral('MAPPA', { kind: 'generic' });
// Scheduled before the referral, so only the referral bounds a discussion there.
const listing = (occurredAt = '2024-03-04T11:00:00Z') =>
  on('list-case', { meetingId: 'meeting-1', meetingPanelCode: 'MAPPA', meetingDate: '2024-03-01', occurredAt });
const discussion = (occurredAt: string) =>
  on('record-panel-discussion', {
    meetingId: 'meeting-1',
    meetingPhase: 'scheduled',
    meetingHeldAt: null,
    attendance: [],
    summary: 'Synthetic',
    decisions: [],
    occurredAt,
  });
const action = { actionId: 'action-1', description: 'Synthetic check', ownerAgency: 'police', dueBy: '2031-12-31' };
const agreed = (occurredAt: string) => on('agree-action', { ...action, occurredAt });
const agreedAtMeeting = (occurredAt: string) => on('agree-action', { ...action, meetingId: 'meeting-1', occurredAt });
const completed = (occurredAt: string) => on('complete-action', { actionId: 'action-1', occurredAt });
const intervention = { interventionId: 'intervention-1', interventionType: 'Mentoring', provider: 'Test Trust' };
const arranged = (occurredAt: string) => on('arrange-intervention', { ...intervention, occurredAt });
const moved = (type: 'start-intervention' | 'complete-intervention' | 'decline-intervention') => (occurredAt: string) =>
  on(type, { interventionId: 'intervention-1', occurredAt });
const pathways = (occurredAt: string) => on('update-iom-pathways', { pathways: ['accommodation'], occurredAt });

/** The earliest prior steps, all on the referral's UK day, so only the referral bounds the step under test. */
const onReferralDay = '2024-03-04T07:00:00Z';
type Step = readonly [string, () => CaseCommand[], (at: string) => CaseCommand, string, string | undefined];
const steps: readonly Step[] = [
  ['a listing', () => [mappa()], (at) => listing(at), 'case-listing-from-referral', 'case-listing-not-in-future'],
  ['a discussion', () => [mappa(), listing()], discussion, 'case-discussion-from-referral', undefined],
  ['an action agreed outside a meeting', () => [mappa()], agreed, 'action-from-referral', 'action-not-in-future'],
  [
    'an action agreed at a meeting',
    () => [mappa(), listing()],
    agreedAtMeeting,
    'action-from-referral',
    'meeting-held-not-in-future',
  ],
  [
    'an action completed',
    () => [mappa(), agreed(onReferralDay)],
    completed,
    'action-from-referral',
    'action-not-in-future',
  ],
  ['an intervention arranged', () => [mappa()], arranged, 'intervention-from-referral', 'intervention-not-in-future'],
  [
    'an intervention started',
    () => [mappa(), arranged(onReferralDay)],
    moved('start-intervention'),
    'intervention-from-referral',
    'intervention-not-in-future',
  ],
  [
    'an intervention completed',
    () => [mappa(), arranged(onReferralDay), moved('start-intervention')(onReferralDay)],
    moved('complete-intervention'),
    'intervention-from-referral',
    'intervention-not-in-future',
  ],
  [
    'an intervention declined',
    () => [mappa(), arranged(onReferralDay)],
    moved('decline-intervention'),
    'intervention-from-referral',
    'intervention-not-in-future',
  ],
  [
    'IOM pathways',
    () => [referral('IOM', iomInput())],
    pathways,
    'iom-pathways-from-referral',
    'iom-pathways-not-in-future',
  ],
];

function refusal(history: readonly CaseCommand[], command: CaseCommand) {
  const refused = rejectionFrom(() => caseDecider.decide(command, evolveAll(caseDecider, caseHistory(...history))));
  return { kind: refused.kind, details: refused.details };
}

describe('case decider: the steps of case work are dated from the referral to now', () => {
  it.each(steps)('refuses %s on a UK day before the referral, naming occurredAt', (_, history, step, rule) => {
    for (const at of ['1990-01-01T10:00:00Z', EVE_OF_REFERRAL]) {
      expect(refusal(history(), step(at))).toEqual({
        kind: 'invalid',
        details: [expect.objectContaining({ field: 'occurredAt', rule })],
      });
    }
  });

  it.each(steps)('refuses %s dated after now, beyond clock skew', (_, _history, step, _rule, notInFuture) => {
    for (const at of FUTURE) {
      const refused = notInFuture === undefined ? undefined : rejectionFrom(() => requireRecordedByNow(step(at), NOW));
      // A discussion is bounded by the route, before the case is loaded (meeting-held-not-in-future).
      expect(refused && { kind: refused.kind, details: refused.details }).toEqual(
        notInFuture && {
          kind: 'invalid',
          details: [expect.objectContaining({ field: 'occurredAt', rule: notInFuture })],
        },
      );
    }
  });

  it.each(steps)('records %s on the referral’s UK day and at now', (_, history, step) => {
    for (const at of [SAME_UK_DAY_BEFORE_REFERRAL, NOW]) {
      expect(() => requireRecordedByNow(step(at), NOW)).not.toThrow();
      spec
        .given(...caseHistory(...history()))
        .when(step(at))
        .thenEvents((events) => expect(events.length).toBeGreaterThan(0));
    }
    expect(() => requireRecordedByNow(step('2026-11-24T10:05:00Z'), NOW)).not.toThrow();
  });
});

describe('case decider: an action and an intervention move forward in time', () => {
  it.each([
    [
      'an action completed before it was agreed',
      [agreed('2024-03-10T15:00:00Z')],
      completed,
      'action-completed-from-agreed-day',
    ],
    [
      'an intervention started before it was arranged',
      [arranged('2024-03-10T15:00:00Z')],
      moved('start-intervention'),
      'intervention-steps-in-order',
    ],
    [
      'an intervention declined before it was arranged',
      [arranged('2024-03-10T15:00:00Z')],
      moved('decline-intervention'),
      'intervention-steps-in-order',
    ],
    [
      'an intervention completed before it started',
      [arranged('2024-03-05T10:00:00Z'), moved('start-intervention')('2024-03-10T15:00:00Z')],
      moved('complete-intervention'),
      'intervention-steps-in-order',
    ],
  ])('refuses %s (by UK day); the same day stands', (_, earlier, step, rule) => {
    const history = [mappa(), ...earlier];
    // 23:30Z on 9 March is still 9 March in London (GMT): the day before.
    expect(refusal(history, step('2024-03-09T23:30:00Z'))).toEqual({
      kind: 'invalid',
      details: [expect.objectContaining({ field: 'occurredAt', rule })],
    });
    spec
      .given(...caseHistory(...history))
      .when(step('2024-03-10T09:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
  });
});
