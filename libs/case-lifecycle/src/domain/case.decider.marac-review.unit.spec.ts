import { caseDecider } from './case.decider';
import type { CaseEvent } from './events/case-events';
import { CASE_RULES } from './rule-names';
import { checkMaracReferralDates } from './rules/marac-referral-dates';
import {
  accepted,
  caseHistory,
  maracInput,
  on,
  PERSON_ID,
  referral,
  rejectionFrom,
  REFERRED_AT,
} from './testing/case-fixtures';

/** What a MARAC coordinator's review found the rules let through. Synthetic data only. */
const MEETING = 'meeting-test-0001';
const listedFor = (meetingDate: string) =>
  on('list-case', { meetingId: MEETING, meetingPanelCode: 'MARAC', meetingDate });
const decide = (history: CaseEvent[], command: Parameters<typeof caseDecider.decide>[0]) =>
  caseDecider.decide(command, history.reduce(caseDecider.evolve, caseDecider.initialState()));
const openCase = (...more: Parameters<typeof caseHistory>) =>
  caseHistory(referral('MARAC', maracInput()), accepted(), ...more);
const action = (actionId: string, dueBy = '2024-04-30') =>
  on('agree-action', { actionId, description: 'Synthetic action', ownerAgency: 'police', dueBy });

describe('case decider: MARAC case work the review found unguarded', () => {
  it('refuses "action plan completed" while actions are open, naming each open action', () => {
    const history = openCase(
      action('act-1'),
      action('act-2'),
      action('act-3'),
      on('complete-action', { actionId: 'act-2' }),
    );
    const refused = rejectionFrom(() => decide(history, on('close-case', { exitStatus: 'action-plan-completed' })));
    expect(refused).toMatchObject({ kind: 'conflict', rule: CASE_RULES.actionPlanDone });
    expect(refused.message).toContain('act-1, act-3');
    expect(refused.details.map((d) => d.message)).toEqual(['action act-1 is still open', 'action act-3 is still open']);
    // Other exits do not claim the plan is done.
    expect(decide(history, on('close-case', { exitStatus: 'moved-out-of-area' }))[0]?.type).toBe('case-closed');
  });

  it('closes as "action plan completed" once every action is done', () => {
    const history = openCase(action('act-1'), on('complete-action', { actionId: 'act-1' }));
    expect(decide(history, on('close-case', { exitStatus: 'action-plan-completed' }))[0]?.type).toBe('case-closed');
  });

  it('refuses a discussion dated before the UK day its meeting was scheduled for, naming occurredAt', () => {
    const history = openCase(listedFor('2024-03-21T09:30:00Z'));
    const discussion = (occurredAt: string) =>
      on('record-panel-discussion', {
        meetingId: MEETING,
        meetingPhase: 'scheduled',
        meetingHeldAt: null,
        attendance: [],
        summary: 'Synthetic',
        decisions: [],
        occurredAt,
      });
    const refused = rejectionFrom(() => decide(history, discussion('2024-03-18T10:00:00Z')));
    expect(refused).toMatchObject({ kind: 'conflict', rule: CASE_RULES.discussedFromScheduledDay });
    expect(refused.details[0]?.field).toBe('occurredAt');
    // Early on the day still counts as the day.
    expect(decide(history, discussion('2024-03-21T08:00:00Z'))[0]?.type).toBe('panel-discussed');
  });

  it('refuses an action due before the day it was agreed', () => {
    const refused = rejectionFrom(() => decide(openCase(), { ...action('act-1', '2024-03-19') }));
    expect(refused).toMatchObject({ kind: 'invalid', rule: CASE_RULES.actionDueFromAgreedDay });
    expect(refused.details[0]?.field).toBe('dueBy');
    expect(decide(openCase(), action('act-1', '2024-03-20'))[0]?.type).toBe('action-agreed');
  });

  it('refuses an action agreed at a meeting the case was never listed on, naming meetingId', () => {
    const atMeeting = (meetingId: string) =>
      on('agree-action', {
        actionId: 'act-1',
        description: 'Synthetic',
        ownerAgency: 'police',
        dueBy: '2024-04-30',
        meetingId,
      });
    const refused = rejectionFrom(() => decide(openCase(), atMeeting('meeting-that-does-not-exist')));
    expect(refused).toMatchObject({ kind: 'rule-refused', rule: CASE_RULES.actionMeetingListed });
    expect(refused.details[0]?.field).toBe('meetingId');
    expect(decide(openCase(listedFor('2024-03-20')), atMeeting(MEETING))[0]?.type).toBe('action-agreed');
  });

  it('records an intervention of kind idva, and refuses a kind it does not know', () => {
    const arrange = (kind: string) =>
      on('arrange-intervention', {
        interventionId: 'int-1',
        interventionType: 'Advocacy',
        provider: 'Local IDVA service',
        kind,
      });
    expect(decide(openCase(), arrange('idva'))[0]).toMatchObject({ data: { kind: 'idva' } });
    expect(rejectionFrom(() => decide(openCase(), arrange('isva')))).toMatchObject({ kind: 'invalid', rule: 'one-of' });
  });
});

describe('case decider: MARAC referrals the review found unguarded', () => {
  it('refuses a perpetrator who resolves to the victim herself', () => {
    const refused = rejectionFrom(() =>
      caseHistory(
        referral('MARAC', maracInput({ perpetrator: { personId: PERSON_ID, relationshipToVictim: 'partner' } })),
      ),
    );
    expect(refused).toMatchObject({ kind: 'rule-refused', rule: CASE_RULES.maracPerpetratorNotVictim });
    expect(refused.details[0]?.field).toBe('marac.perpetrator');
  });

  it('names marac.criteria and each tick the facts do not support when no criterion is met', () => {
    const refused = rejectionFrom(() =>
      caseHistory(
        referral(
          'MARAC',
          maracInput({
            dashScore: 9,
            policeCallouts12m: 1,
            criteriaTicked: ['visible-high-risk', 'potential-escalation', 'repeat'],
          }),
        ),
      ),
    );
    expect(refused).toMatchObject({ kind: 'rule-refused', rule: CASE_RULES.maracReferralCriteria });
    expect(refused.details[0]?.field).toBe('marac.criteria');
    expect(refused.message).toContain('visible-high-risk (DASH score 9 is below 14)');
    expect(refused.message).toContain('potential-escalation (1 police callouts in 12 months, fewer than 3)');
    expect(refused.message).toContain('repeat (no earlier MARAC referral of the victim is known');
    expect(refused.message).not.toContain('no professional judgement');
  });

  it('keeps the referrer’s crime reference, safe contact number, other-area involvement and previous MARAC date', () => {
    const [made] = caseHistory(
      referral(
        'MARAC',
        maracInput({
          crimeReference: '01/000001/24',
          safeContactNumber: '07700 900001',
          otherAreaMaracInvolvement: 'Heard at a neighbouring MARAC',
          previousMaracDateReported: '2023-01-10',
        }),
      ),
    );
    expect(made?.type === 'referral-made' && made.data.details).toMatchObject({
      crimeReference: '01/000001/24',
      safeContactNumber: '07700 900001',
      otherAreaMaracInvolvement: 'Heard at a neighbouring MARAC',
      previousMaracDateReported: '2023-01-10',
    });
  });

  describe('dates on the form', () => {
    const now = REFERRED_AT;
    const refusal = (dates: Parameters<typeof checkMaracReferralDates>[0]) =>
      rejectionFrom(() => checkMaracReferralDates(dates, now));

    it('refuses an incident after the referral, naming marac.incidentAt', () => {
      expect(refusal({ referredAt: now, incidentAt: '2024-03-04T10:30:00Z' })).toMatchObject({
        kind: 'invalid',
        rule: CASE_RULES.maracIncidentBeforeReferral,
        details: [{ field: 'marac.incidentAt' }],
      });
    });

    it('refuses a referral dated beyond the clock-skew allowance, naming referredAt', () => {
      expect(refusal({ referredAt: '2024-04-03T10:00:00Z', incidentAt: '2024-03-01T10:00:00Z' })).toMatchObject({
        kind: 'invalid',
        rule: CASE_RULES.maracNotInFuture,
        details: [{ field: 'referredAt' }],
      });
      expect(() =>
        checkMaracReferralDates({ referredAt: '2024-03-04T10:04:00Z', incidentAt: '2024-03-01T10:00:00Z' }, now),
      ).not.toThrow();
    });

    it('refuses a previous MARAC date after the referral', () => {
      expect(
        refusal({ referredAt: now, incidentAt: '2024-03-01T10:00:00Z', previousMaracDate: '2024-03-05' }),
      ).toMatchObject({
        rule: CASE_RULES.maracPreviousBeforeReferral,
        details: [{ field: 'marac.previousMaracDate' }],
      });
    });

    it('refuses a previous MARAC date before the victim was born, and takes her birthday itself', () => {
      const dates = { referredAt: now, incidentAt: '2024-03-01T10:00:00Z', victimDateOfBirth: '1995-07-30' };
      expect(refusal({ ...dates, previousMaracDate: '1995-07-29' })).toMatchObject({
        kind: 'invalid',
        rule: CASE_RULES.maracPreviousAfterBirth,
        details: [{ field: 'marac.previousMaracDate' }],
      });
      expect(() => checkMaracReferralDates({ ...dates, previousMaracDate: '1995-07-30' }, now)).not.toThrow();
    });
  });
});
