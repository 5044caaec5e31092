import { evolveAll } from '../../../command-handling/src/decider';
import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider } from './case.decider';
import type { CaseCommand } from './commands/case-commands';
import type { MeetingPhase } from './meeting.decider';
import { accepted, caseHistory, on, referral, rejectionFrom } from './testing/case-fixtures';

/**
 * A discussion, or an action agreed at a meeting, says the panel sat and heard the case: never at
 * a meeting that was cancelled, and at one recorded held, on the UK day it sat. A meeting still
 * to sit keeps the scheduled day as the only bound (its sitting is recorded later, or never).
 * Referred 2024-03-04 (GMT); the meeting is scheduled for 2024-06-12 (BST).
 */
const spec = deciderSpecification(caseDecider);
const SCHEDULED_FOR = '2024-06-12';
// 23:30Z on 12 June is 00:30 BST on 13 June: the meeting sat on 13 June, UK time.
const HELD_AT = '2024-06-12T23:30:00Z';

const openCaseListed = () =>
  caseHistory(
    referral('MAPPA', { kind: 'generic' }),
    accepted(),
    on('list-case', { meetingId: 'meeting-1', meetingPanelCode: 'MAPPA', meetingDate: SCHEDULED_FOR }),
  );
/** The meeting as the route read it from its own stream (phase null: no meeting by that id). */
interface AtMeeting {
  readonly meetingId: string;
  readonly meetingPhase: MeetingPhase | null;
  readonly meetingHeldAt: string | null;
}
const meeting = (meetingPhase: MeetingPhase, meetingHeldAt: string | null = null): AtMeeting => ({
  meetingId: 'meeting-1',
  meetingPhase,
  meetingHeldAt,
});
const discussion = (at: AtMeeting, occurredAt: string) =>
  on('record-panel-discussion', { ...at, attendance: [], summary: 'Synthetic', decisions: [], occurredAt });
const action = { actionId: 'action-1', description: 'Synthetic check', ownerAgency: 'police', dueBy: '2031-12-31' };
const agreed = (at: AtMeeting, occurredAt: string) => on('agree-action', { ...action, ...at, occurredAt });

function refusal(command: CaseCommand) {
  const refused = rejectionFrom(() => caseDecider.decide(command, evolveAll(caseDecider, openCaseListed())));
  return { kind: refused.kind, rule: refused.rule, fields: refused.details.map((detail) => detail.field) };
}

const steps = [
  ['a discussion', discussion],
  ['an action agreed at the meeting', agreed],
] as const;

describe('case decider: discussed at a meeting that sat, by the day it sat', () => {
  it.each(steps)('refuses %s at a cancelled meeting (409)', (_, step) => {
    expect(refusal(step(meeting('cancelled'), '2024-06-12T11:00:00Z'))).toEqual({
      kind: 'conflict',
      rule: 'discussed-at-a-meeting-that-sat',
      fields: ['meetingId'],
    });
  });

  it.each(steps)('refuses %s at a held meeting on a UK day after it sat, naming occurredAt (409)', (_, step) => {
    for (const occurredAt of ['2024-07-20T11:00:00Z', '2024-06-13T23:30:00Z']) {
      expect(refusal(step(meeting('held', HELD_AT), occurredAt))).toEqual({
        kind: 'conflict',
        rule: 'discussed-by-the-day-the-meeting-sat',
        fields: ['occurredAt'],
      });
    }
    expect(refusal(step(meeting('held', HELD_AT), '2024-06-11T11:00:00Z')).rule).toBe(
      'meeting-held-from-scheduled-day',
    );
  });

  // A sitting recorded the morning after without its date is dated then: its discussions keep their true day.
  it.each(steps)('records %s at a held meeting from its scheduled day to the UK day it sat', (_, step) => {
    for (const occurredAt of [
      '2024-06-12T10:00:00Z',
      '2024-06-12T22:00:00Z',
      '2024-06-12T23:00:00Z',
      '2024-06-13T16:00:00Z',
    ]) {
      spec
        .given(...openCaseListed())
        .when(step(meeting('held', HELD_AT), occurredAt))
        .thenEvents((events) => expect(events.map((event) => event.data.occurredAt)).toEqual([occurredAt]));
    }
  });

  it.each(steps)('records %s at a meeting still to sit from its scheduled day on, as before', (_, step) => {
    spec
      .given(...openCaseListed())
      .when(step(meeting('scheduled'), '2024-07-20T11:00:00Z'))
      .thenEvents((events) => expect(events).toHaveLength(1));
    expect(refusal(step(meeting('scheduled'), '2024-06-11T11:00:00Z')).rule).toBe('meeting-held-from-scheduled-day');
  });

  it('still refuses a meeting the case was not listed on before asking how that meeting stands', () => {
    const elsewhere: AtMeeting = { meetingId: 'meeting-2', meetingPhase: null, meetingHeldAt: null };
    expect(refusal(discussion(elsewhere, '2024-06-13T11:00:00Z')).rule).toBe('case-discussed-when-listed');
    expect(refusal(agreed(elsewhere, '2024-06-13T11:00:00Z')).rule).toBe('action-meeting-listed');
  });
});
