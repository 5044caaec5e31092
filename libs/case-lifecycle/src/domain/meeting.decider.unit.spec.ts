import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { evolveAll } from '../../../command-handling/src/decider';
import { meetingDecider, requireCancelledBy, requireHeldBy, type MeetingRecord } from './meeting.decider';
import type { MeetingCommand } from './commands/meeting-commands';
import { MEETING_RULES } from './rule-names';
import { historyOf, rejectionFrom } from './testing/case-fixtures';

const spec = deciderSpecification(meetingDecider);
const MEETING_ID = 'meeting-test-2024-04';
const SCHEDULED_AT = '2024-03-01T09:00:00Z';
const SITS_AT = '2024-04-02T10:00:00+01:00';

const schedule: MeetingCommand = {
  type: 'schedule-meeting',
  data: {
    meetingId: MEETING_ID,
    panelCode: 'MARAC',
    scheduledFor: SITS_AT,
    chair: 'Test Chair',
    location: 'Civic Centre, Room 2',
    occurredAt: SCHEDULED_AT,
  },
};
const list = (caseId: string): MeetingCommand => ({
  type: 'list-case-on-meeting',
  data: {
    meetingId: MEETING_ID,
    caseId,
    agencyRequests: [
      { agency: 'police', toBring: 'Call-out history for the address' },
      { agency: 'children-social-care', toBring: 'Open plans for the children' },
    ],
    occurredAt: '2024-03-05T09:00:00Z',
  },
});
const held = (casesDiscussed: string[], occurredAt: string = SITS_AT): MeetingCommand => ({
  type: 'record-meeting-held',
  data: {
    meetingId: MEETING_ID,
    attendance: [
      { agency: 'police', status: 'present' },
      { agency: 'idva-service', status: 'present' },
      { agency: 'housing', status: 'apologies' },
    ],
    casesDiscussed,
    occurredAt,
  },
});
const cancel: MeetingCommand = {
  type: 'cancel-meeting',
  data: { meetingId: MEETING_ID, reason: 'Chair unavailable; merged with May', occurredAt: '2024-03-20T09:00:00Z' },
};
const history = (...commands: MeetingCommand[]) => historyOf(meetingDecider, ...commands);

describe('meeting decider', () => {
  it('schedules a meeting of a registered panel', () => {
    spec
      .given()
      .when(schedule)
      .then([
        {
          type: 'meeting-scheduled',
          data: {
            meetingId: MEETING_ID,
            panelCode: 'MARAC',
            // Written at 10:00 BST: kept in UTC, so that readers can compare instants as text.
            scheduledFor: '2024-04-02T09:00:00Z',
            chair: 'Test Chair',
            location: 'Civic Centre, Room 2',
            occurredAt: SCHEDULED_AT,
          },
        },
      ]);
  });

  it('refuses an unknown panel, a second scheduling, and commands before scheduling', () => {
    spec
      .given()
      .when({ ...schedule, data: { ...schedule.data, panelCode: 'NOPE' } } as MeetingCommand)
      .thenRejects('invalid', MEETING_RULES.panelRegistered);
    spec
      .given(...history(schedule))
      .when(schedule)
      .thenRejects('conflict', MEETING_RULES.meetingScheduledOnce);
    spec.given().when(list('case-1')).thenRejects('not-found', MEETING_RULES.meetingExists);
  });

  it('lists a case with what each agency is to bring', () => {
    spec
      .given(...history(schedule))
      .when(list('case-1'))
      .then([
        {
          type: 'meeting-case-listed',
          data: {
            caseId: 'case-1',
            agencyRequests: [
              { agency: 'police', toBring: 'Call-out history for the address' },
              { agency: 'children-social-care', toBring: 'Open plans for the children' },
            ],
            occurredAt: '2024-03-05T09:00:00Z',
          },
        },
      ]);
  });

  it('refuses to list a case twice on one meeting', () => {
    spec
      .given(...history(schedule, list('case-1')))
      .when(list('case-1'))
      .thenRejects('conflict', MEETING_RULES.listedOncePerMeeting);
  });

  it('records the meeting held, with attendance and the cases reached', () => {
    const events = history(schedule, list('case-1'), list('case-2'), held(['case-1']));
    const state = evolveAll(meetingDecider, events) as MeetingRecord;
    expect(state.phase).toBe('held');
    expect(state.agenda.map((listed) => [listed.caseId, listed.discussed])).toEqual([
      ['case-1', true],
      ['case-2', false],
    ]);
  });

  it('refuses a case discussed that was not on the agenda', () => {
    spec
      .given(...history(schedule, list('case-1')))
      .when(held(['case-3']))
      .thenRejects('conflict', MEETING_RULES.discussedWhenListed);
  });

  it('records a meeting held on its UK day, early or late in it, or on a later day', () => {
    // 2 April is in BST: 23:30 UTC on 1 April is already 00:30 on the 2nd in London.
    // Kept in UTC, whatever offset it was written with.
    for (const [at, kept] of [
      ['2024-04-01T23:30:00Z', '2024-04-01T23:30:00Z'],
      ['2024-04-02T08:00:00+01:00', '2024-04-02T07:00:00Z'],
      ['2024-04-02T23:59:00+01:00', '2024-04-02T22:59:00Z'],
      ['2024-04-09T10:00:00Z', '2024-04-09T10:00:00Z'],
    ] as const) {
      spec
        .given(...history(schedule))
        .when(held([], at))
        .thenEvents((events) => expect(events).toMatchObject([{ type: 'meeting-held', data: { occurredAt: kept } }]));
    }
  });

  it('refuses a meeting held before the UK day it was scheduled for, naming occurredAt', () => {
    for (const at of ['2024-04-01T22:59:00Z', '2020-04-02T10:00:00Z']) {
      spec
        .given(...history(schedule))
        .when(held([], at))
        .thenRejects('conflict', MEETING_RULES.heldFromScheduledDay);
    }
    const refusal = rejectionFrom(() =>
      meetingDecider.decide(held([], '2024-04-01T22:59:00Z'), evolveAll(meetingDecider, history(schedule))),
    );
    expect(refusal.details).toEqual([
      expect.objectContaining({ field: 'occurredAt', rule: 'meeting-held-from-scheduled-day' }),
    ]);
    expect(refusal.message).toContain('2024-04-02');
  });

  it('refuses a meeting recorded held later than the recording, beyond a few minutes of clock skew', () => {
    const recordedAt = '2024-04-02T12:00:00.000Z';
    expect(() => requireHeldBy('2024-04-02T11:00:00Z', recordedAt)).not.toThrow();
    expect(() => requireHeldBy('2024-04-02T13:04:00+01:00', recordedAt)).not.toThrow();
    for (const at of ['2024-04-02T12:06:00Z', '2025-04-02T10:00:00Z']) {
      const refusal = rejectionFrom(() => requireHeldBy(at, recordedAt));
      expect({ kind: refusal.kind, rule: refusal.rule, details: refusal.details }).toEqual({
        kind: 'invalid',
        rule: MEETING_RULES.heldNotInFuture,
        details: [expect.objectContaining({ field: 'occurredAt', rule: 'meeting-held-not-in-future' })],
      });
    }
  });

  it('refuses to hold a meeting twice, and to list on a held or cancelled meeting', () => {
    spec
      .given(...history(schedule, held([])))
      .when(held([]))
      .thenRejects('conflict', MEETING_RULES.heldOnce);
    spec
      .given(...history(schedule, held([])))
      .when(list('case-1'))
      .thenRejects('conflict', MEETING_RULES.meetingStillToSit);
    spec
      .given(...history(schedule, cancel))
      .when(list('case-1'))
      .thenRejects('conflict', MEETING_RULES.meetingStillToSit);
  });

  it('cancels a meeting still to sit, with a reason', () => {
    spec
      .given(...history(schedule))
      .when(cancel)
      .then([
        {
          type: 'meeting-cancelled',
          data: { reason: 'Chair unavailable; merged with May', occurredAt: '2024-03-20T09:00:00Z' },
        },
      ]);
    spec
      .given(...history(schedule))
      .when({ ...cancel, data: { ...cancel.data, reason: ' ' } } as MeetingCommand)
      .thenRejects('invalid', 'required');
  });

  const cancelledAt = (occurredAt: string): MeetingCommand => ({ ...cancel, data: { ...cancel.data, occurredAt } });

  it('cancels a meeting from the UK day it was scheduled on, ahead of the day it was to sit', () => {
    // Scheduled at 09:00 on 1 March: any time that UK day will do, even before the scheduling's hour.
    for (const at of ['2024-03-01T00:30:00Z', '2024-03-01T08:00:00Z', '2024-04-01T09:00:00Z']) {
      spec
        .given(...history(schedule))
        .when(cancelledAt(at))
        .thenEvents((events) =>
          expect(events).toMatchObject([{ type: 'meeting-cancelled', data: { occurredAt: at } }]),
        );
    }
  });

  it('refuses a call-off dated before the UK day the meeting was scheduled on, naming occurredAt', () => {
    for (const at of ['2024-02-29T23:59:00Z', '1999-03-01T10:00:00Z']) {
      const refusal = rejectionFrom(() =>
        meetingDecider.decide(cancelledAt(at), evolveAll(meetingDecider, history(schedule))),
      );
      expect({ kind: refusal.kind, details: refusal.details }).toEqual({
        kind: 'invalid',
        details: [expect.objectContaining({ field: 'occurredAt', rule: MEETING_RULES.cancelledFromScheduling })],
      });
      expect(refusal.message).toContain('2024-03-01');
    }
  });

  it('refuses a call-off recorded ahead of its date, beyond a few minutes of clock skew', () => {
    const recordedAt = '2024-03-20T12:00:00.000Z';
    expect(() => requireCancelledBy('2024-03-20T12:04:00Z', recordedAt)).not.toThrow();
    for (const at of ['2024-03-20T12:06:00Z', SITS_AT]) {
      const refusal = rejectionFrom(() => requireCancelledBy(at, recordedAt));
      expect({ kind: refusal.kind, rule: refusal.rule, details: refusal.details }).toEqual({
        kind: 'invalid',
        rule: MEETING_RULES.cancelledNotInFuture,
        details: [expect.objectContaining({ field: 'occurredAt', rule: 'meeting-cancelled-not-in-future' })],
      });
    }
  });
});
