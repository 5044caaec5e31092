import { deciderSpecification } from '../../../command-handling/src/testing/decider-specification';
import { caseDecider } from './case.decider';
import { CASE_RULES } from './rule-names';
import {
  accepted,
  CASE_ID,
  caseHistory,
  LATER,
  on,
  PERSON_ID,
  REFERRED_AT,
  referral,
  referrer,
} from './testing/case-fixtures';

const spec = deciderSpecification(caseDecider);

const mappaReferral = () => referral('MAPPA', { kind: 'generic' });
const openMappaCase = () => caseHistory(mappaReferral(), accepted());
const listing = on('list-case', {
  meetingId: 'meeting-1',
  meetingPanelCode: 'MAPPA',
  meetingDate: '2024-03-20',
});
const action = on('agree-action', {
  actionId: 'action-1',
  description: 'Share custody release date',
  ownerAgency: 'probation',
  dueBy: '2024-04-01',
});
const intervention = on('arrange-intervention', {
  interventionId: 'intervention-1',
  interventionType: 'tenancy support',
  provider: 'Test Housing Trust',
});

describe('case decider: common lifecycle (a generic panel, MAPPA)', () => {
  describe('referral', () => {
    it('opens the case with a referral', () => {
      spec
        .given()
        .when(mappaReferral())
        .then([
          {
            type: 'referral-made',
            data: {
              caseId: CASE_ID,
              panelCode: 'MAPPA',
              personId: PERSON_ID,
              referrer,
              reason: 'Synthetic referral for tests',
              occurredAt: REFERRED_AT,
              details: { kind: 'generic' },
            },
          },
        ]);
    });

    it('refuses a second referral on the same case', () => {
      spec
        .given(...caseHistory(mappaReferral()))
        .when(mappaReferral())
        .thenRejects('conflict', CASE_RULES.referralOncePerCase);
    });

    it('refuses a panel the registry does not know', () => {
      spec
        .given()
        .when(referral('NOT-A-PANEL', { kind: 'generic' }))
        .thenRejects('invalid', CASE_RULES.panelRegistered);
    });

    it('refuses details of another kind of panel', () => {
      spec
        .given()
        .when(referral('MAPPA', { kind: 'alliance', custodySuite: 'Test Custody Suite' }))
        .thenRejects('invalid', CASE_RULES.referralDetailsMatchPanel);
    });

    it('refuses an occurredAt without a zone', () => {
      spec
        .given()
        .when(referral('MAPPA', { kind: 'generic' }, '2024-03-04T10:00:00'))
        .thenRejects('invalid', 'iso-instant');
    });

    it('accepts a pending referral', () => {
      spec
        .given(...caseHistory(mappaReferral()))
        .when(on('accept-referral', { note: 'Meets level 2 criteria' }))
        .then([{ type: 'referral-accepted', data: { occurredAt: LATER, note: 'Meets level 2 criteria' } }]);
    });

    it('declines a pending referral with a reason', () => {
      spec
        .given(...caseHistory(mappaReferral()))
        .when(on('decline-referral', { reason: '  Managed at level 1  ' }))
        .then([{ type: 'referral-declined', data: { occurredAt: LATER, reason: 'Managed at level 1' } }]);
    });

    it('refuses a decline without a reason', () => {
      spec
        .given(...caseHistory(mappaReferral()))
        .when(on('decline-referral', { reason: '   ' }))
        .thenRejects('invalid', 'required');
    });

    it('refuses to decide a referral twice', () => {
      spec
        .given(...openMappaCase())
        .when(accepted())
        .thenRejects('conflict', CASE_RULES.referralDecidedOnce);
    });

    it('refuses work on a declined referral', () => {
      spec
        .given(...caseHistory(mappaReferral(), on('decline-referral', { reason: 'Not MAPPA eligible' })))
        .when(action)
        .thenRejects('conflict', CASE_RULES.caseOpen);
    });

    it('refuses a command on a case that was never referred (not found)', () => {
      spec.given().when(action).thenRejects('not-found', CASE_RULES.caseExists);
    });

    it('refuses a command naming another case than the stream holds', () => {
      spec
        .given(...openMappaCase())
        .when({ ...action, data: { ...action.data, caseId: 'another-case' } })
        .thenRejects('invalid', CASE_RULES.caseIdMatchesStream);
    });
  });

  describe('listing and discussion', () => {
    it('lists the case on a meeting of its own panel', () => {
      spec
        .given(...openMappaCase())
        .when(listing)
        .then([
          { type: 'case-listed', data: { meetingId: 'meeting-1', meetingDate: '2024-03-20', occurredAt: LATER } },
        ]);
    });

    it('refuses to list the case twice on one meeting', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), listing))
        .when(listing)
        .thenRejects('conflict', CASE_RULES.listedOncePerMeeting);
    });

    it('refuses a meeting of another panel', () => {
      spec
        .given(...openMappaCase())
        .when({ ...listing, data: { ...listing.data, meetingPanelCode: 'MARAC' } })
        .thenRejects('conflict', CASE_RULES.listedOnOwnPanel);
    });

    const discussion = on('record-panel-discussion', {
      meetingId: 'meeting-1',
      meetingPhase: 'scheduled',
      meetingHeldAt: null,
      attendance: [
        { agency: 'police', status: 'present' },
        { agency: 'probation', status: 'present' },
        { agency: 'housing', status: 'apologies' },
      ],
      summary: 'Risk increasing ahead of release',
      decisions: ['Raise to level 3', 'Review in four weeks'],
      actions: [
        { actionId: 'action-9', description: 'Exclusion zone map', ownerAgency: 'police', dueBy: '2024-04-10' },
      ],
    });

    it('records the discussion, its decisions and the action plan agreed at it', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), listing))
        .when(discussion)
        .then([
          {
            type: 'panel-discussed',
            data: {
              meetingId: 'meeting-1',
              attendance: discussion.data.attendance,
              summary: 'Risk increasing ahead of release',
              decisions: ['Raise to level 3', 'Review in four weeks'],
              occurredAt: LATER,
            },
          },
          {
            type: 'action-agreed',
            data: {
              actionId: 'action-9',
              description: 'Exclusion zone map',
              ownerAgency: 'police',
              dueBy: '2024-04-10',
              meetingId: 'meeting-1',
              occurredAt: LATER,
            },
          },
        ]);
    });

    it('refuses a discussion at a meeting the case was not listed on', () => {
      spec
        .given(...openMappaCase())
        .when(discussion)
        .thenRejects('conflict', CASE_RULES.discussedWhenListed);
    });

    it('refuses a second discussion at the same meeting', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), listing, discussion))
        .when({ ...discussion, data: { ...discussion.data, actions: [] } })
        .thenRejects('conflict', CASE_RULES.discussedOncePerMeeting);
    });

    it('refuses an agency listed twice in the attendance', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), listing))
        .when({
          ...discussion,
          data: {
            ...discussion.data,
            attendance: [...discussion.data.attendance, { agency: 'police', status: 'absent' }],
          },
        })
        .thenRejects('invalid', 'agency-once');
    });
  });

  describe('actions', () => {
    it('agrees an action with the id the command supplies', () => {
      spec
        .given(...openMappaCase())
        .when(action)
        .then([
          {
            type: 'action-agreed',
            data: {
              actionId: 'action-1',
              description: 'Share custody release date',
              ownerAgency: 'probation',
              dueBy: '2024-04-01',
              meetingId: null,
              occurredAt: LATER,
            },
          },
        ]);
    });

    it('refuses an action id already used', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), action))
        .when(action)
        .thenRejects('conflict', CASE_RULES.actionIdUnique);
    });

    it('refuses a due date that is not a date', () => {
      spec
        .given(...openMappaCase())
        .when({ ...action, data: { ...action.data, dueBy: 'next Friday' } })
        .thenRejects('invalid', 'iso-date');
    });

    const completion = on('complete-action', { actionId: 'action-1', note: 'Date shared' });

    it('completes an agreed action', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), action))
        .when(completion)
        .then([{ type: 'action-completed', data: { actionId: 'action-1', occurredAt: LATER, note: 'Date shared' } }]);
    });

    it('refuses to complete an unknown action (not found)', () => {
      spec
        .given(...openMappaCase())
        .when(completion)
        .thenRejects('not-found', CASE_RULES.actionExists);
    });

    it('does not mistake an inherited property for an action', () => {
      spec
        .given(...openMappaCase())
        .when(on('complete-action', { actionId: 'constructor' }))
        .thenRejects('not-found', CASE_RULES.actionExists);
    });

    it('refuses to complete an action twice', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), action, completion))
        .when(completion)
        .thenRejects('conflict', CASE_RULES.actionCompletedOnce);
    });
  });

  describe('interventions', () => {
    const start = on('start-intervention', { interventionId: 'intervention-1' });
    const complete = on('complete-intervention', { interventionId: 'intervention-1' });
    const decline = on('decline-intervention', {
      interventionId: 'intervention-1',
      reason: 'Refused',
    });

    it('arranges an intervention', () => {
      spec
        .given(...openMappaCase())
        .when({ ...intervention, data: { ...intervention.data, pathway: 'accommodation' } })
        .then([
          {
            type: 'intervention-arranged',
            data: {
              interventionId: 'intervention-1',
              interventionType: 'tenancy support',
              provider: 'Test Housing Trust',
              pathway: 'accommodation',
              occurredAt: LATER,
            },
          },
        ]);
    });

    it('refuses an intervention id already used', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), intervention))
        .when(intervention)
        .thenRejects('conflict', CASE_RULES.interventionIdUnique);
    });

    it('moves arranged → started → completed', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), intervention))
        .when(start)
        .then([{ type: 'intervention-started', data: { interventionId: 'intervention-1', occurredAt: LATER } }]);
      spec
        .given(...caseHistory(mappaReferral(), accepted(), intervention, start))
        .when(complete)
        .then([{ type: 'intervention-completed', data: { interventionId: 'intervention-1', occurredAt: LATER } }]);
    });

    it('lets an arranged intervention be declined', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), intervention))
        .when(decline)
        .then([
          {
            type: 'intervention-declined',
            data: { interventionId: 'intervention-1', occurredAt: LATER, reason: 'Refused' },
          },
        ]);
    });

    it('refuses to complete an intervention that never started', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), intervention))
        .when(complete)
        .thenRejects('conflict', CASE_RULES.interventionTransition);
    });

    it('refuses to decline a started intervention or restart a completed one', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), intervention, start))
        .when(decline)
        .thenRejects('conflict', CASE_RULES.interventionTransition);
      spec
        .given(...caseHistory(mappaReferral(), accepted(), intervention, start, complete))
        .when(start)
        .thenRejects('conflict', CASE_RULES.interventionTransition);
    });

    it('refuses to move an unknown intervention (not found)', () => {
      spec
        .given(...openMappaCase())
        .when(start)
        .thenRejects('not-found', CASE_RULES.interventionExists);
    });
  });

  describe('assessments and status', () => {
    it('records a risk rating', () => {
      spec
        .given(...openMappaCase())
        .when(on('rate-risk', { rating: 'amber', rationale: 'Stable accommodation' }))
        .then([
          { type: 'risk-rated', data: { rating: 'amber', occurredAt: LATER, rationale: 'Stable accommodation' } },
        ]);
    });

    it('refuses a rating outside red/amber/green', () => {
      spec
        .given(...openMappaCase())
        .when(on('rate-risk', { rating: 'purple' as 'red' }))
        .thenRejects('invalid', 'one-of');
    });

    it('records motivation & engagement', () => {
      spec
        .given(...openMappaCase())
        .when(on('record-engagement', { level: 'some-engagement-and-motivation' }))
        .then([{ type: 'engagement-recorded', data: { level: 'some-engagement-and-motivation', occurredAt: LATER } }]);
    });

    const inCustody = on('change-case-status', { status: 'in-custody' });

    it("changes the status to one of the panel's statuses, naming the previous one", () => {
      spec
        .given(...openMappaCase())
        .when(inCustody)
        .then([
          { type: 'case-status-changed', data: { status: 'in-custody', previousStatus: null, occurredAt: LATER } },
        ]);
    });

    it('records nothing when the status is unchanged', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), inCustody))
        .when(inCustody)
        .thenNothingHappens();
    });

    it("refuses a status not in the panel's list", () => {
      spec
        .given(...openMappaCase())
        .when(on('change-case-status', { status: 'pre-release' }))
        .thenRejects('invalid', CASE_RULES.panelCurrentStatus);
    });
  });

  describe('closure', () => {
    const close = on('close-case', { exitStatus: 'objectives-met' });

    it("closes an accepted case with one of the panel's exit statuses", () => {
      spec
        .given(...openMappaCase())
        .when(close)
        .then([{ type: 'case-closed', data: { exitStatus: 'objectives-met', occurredAt: LATER } }]);
    });

    it('refuses to close a closed case (conflict, 409)', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), close))
        .when(close)
        .thenRejects('conflict', CASE_RULES.caseOpen);
    });

    it('refuses any further work on a closed case', () => {
      spec
        .given(...caseHistory(mappaReferral(), accepted(), close))
        .when(action)
        .thenRejects('conflict', CASE_RULES.caseOpen);
    });

    it('refuses to close a referral that was never accepted', () => {
      spec
        .given(...caseHistory(mappaReferral()))
        .when(close)
        .thenRejects('conflict', CASE_RULES.acceptedBeforeClosure);
    });

    it('refuses an exit status the panel does not have', () => {
      spec
        .given(...openMappaCase())
        .when(on('close-case', { exitStatus: 'success' }))
        .thenRejects('invalid', CASE_RULES.panelExitStatus);
    });

    it('requires the explanation of an `other` exit', () => {
      spec
        .given(...openMappaCase())
        .when(on('close-case', { exitStatus: 'other', exitDetail: '  ' }))
        .thenRejects('invalid', CASE_RULES.exitDetailRequired);
      spec
        .given(...openMappaCase())
        .when(on('close-case', { exitStatus: 'other', exitDetail: 'Deported' }))
        .then([{ type: 'case-closed', data: { exitStatus: 'other', exitDetail: 'Deported', occurredAt: LATER } }]);
    });
  });

  it('refuses IOM-only commands on a generic case', () => {
    spec
      .given(...openMappaCase())
      .when(on('update-iom-pathways', { pathways: ['accommodation'] }))
      .thenRejects('conflict', CASE_RULES.panelKind);
  });
});
