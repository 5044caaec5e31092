/**
 * Names of the rules a case-lifecycle command can break: the `rule` of every Rejection thrown
 * here. The HTTP layer can show them to clients and tests can assert on them; renaming one is
 * a contract change.
 */
export const CASE_RULES = {
  /** not-found: the case stream is empty. */
  caseExists: 'case-exists',
  /** invalid: the command names another case than the stream loaded. */
  caseIdMatchesStream: 'case-id-matches-stream',
  /** conflict: a case is referred once; its stream already holds a referral. */
  referralOncePerCase: 'referral-once-per-case',
  /** conflict: on IOM a person has one open case; a referral while one is open is refused. */
  oneOpenCasePerPerson: 'one-open-case-per-person',
  /** invalid: the panel code is not in the registry. */
  panelRegistered: 'panel-registered',
  /** invalid: the referral's details are for another kind of panel. */
  referralDetailsMatchPanel: 'referral-details-match-panel',
  /** conflict: the command belongs to another kind of panel (e.g. IOM pathways on a MARAC case). */
  panelKind: 'panel-kind',
  /** conflict: the case is closed, or its referral was declined; nothing more can happen on it. */
  caseOpen: 'case-open',
  /** conflict: the referral was already accepted or declined (IOM: adopted or rejected). */
  referralDecidedOnce: 'referral-decided-once',
  /** conflict: only an accepted case can be closed; a pending referral is declined instead. */
  acceptedBeforeClosure: 'case-accepted-before-closure',
  /** conflict: a case is heard by its own panel's meetings. */
  listedOnOwnPanel: 'case-listed-on-own-panel',
  /** conflict: a case is listed once on one meeting. */
  listedOncePerMeeting: 'case-listed-once-per-meeting',
  /** conflict: a discussion is recorded against a meeting the case was listed on. */
  discussedWhenListed: 'case-discussed-when-listed',
  /** conflict: one discussion per case per meeting (a correction is a later event, not a second discussion). */
  discussedOncePerMeeting: 'case-discussed-once-per-meeting',
  actionExists: 'action-exists',
  /** invalid: an action falls due on or after the day it was agreed. */
  actionDueFromAgreedDay: 'action-due-from-agreed-day',
  /** rule-refused: an action said to be agreed at a meeting names one the case was listed on. */
  actionMeetingListed: 'action-meeting-listed',
  /** conflict: an exit saying the action plan is done, while actions are still open. */
  actionPlanDone: 'action-plan-done',
  /** conflict: a discussion at a meeting falls on or after the UK day the meeting was scheduled for. */
  discussedFromScheduledDay: 'meeting-held-from-scheduled-day',
  /** conflict: a discussion, or an action agreed at a meeting, names a meeting that sat, never a cancelled one. */
  discussedAtMeetingThatSat: 'discussed-at-a-meeting-that-sat',
  /** conflict: at a meeting recorded held, the discussion (or action agreed) falls no later than the UK day it sat. */
  discussedByDayMeetingSat: 'discussed-by-the-day-the-meeting-sat',
  actionIdUnique: 'action-id-unique',
  actionCompletedOnce: 'action-completed-once',
  interventionExists: 'intervention-exists',
  interventionIdUnique: 'intervention-id-unique',
  /** conflict: interventions go arranged → started → completed, or arranged → declined. */
  interventionTransition: 'intervention-transition',
  /** invalid: a status or exit status that the panel's registry entry does not list. */
  panelCurrentStatus: 'panel-current-status',
  panelExitStatus: 'panel-exit-status',
  /** invalid: the exit status needs an explanation (`other`). */
  exitDetailRequired: 'exit-detail-required',
  /** invalid: MARAC consent not given and no justification for sharing without it. */
  maracConsentJustified: 'marac-consent-justified',
  /** rule-refused: the referral meets no MARAC criterion. */
  maracReferralCriteria: 'marac-referral-criteria',
  /** rule-refused: the perpetrator a MARAC referral names is not the victim herself. */
  maracPerpetratorNotVictim: 'marac-perpetrator-not-victim',
  /** invalid: the incident a referral is about happened by the time it was referred. */
  maracIncidentBeforeReferral: 'marac-incident-before-referral',
  /** invalid: the previous MARAC date the referrer gives is not after the referral. */
  maracPreviousBeforeReferral: 'marac-previous-before-referral',
  /** invalid: the previous MARAC date the referrer gives is not before the victim was born. */
  maracPreviousAfterBirth: 'marac-previous-after-birth',
  /** invalid: a MARAC referral dated later than the server's clock, beyond a few minutes of skew. */
  maracNotInFuture: 'marac-referral-not-in-future',
  /** invalid: a referral to an IOM or generic panel dated later than the server's clock, beyond a few minutes of skew. */
  referralNotInFuture: 'referral-not-in-future',
  /** invalid: a safe contact number is held for MARAC victims only. */
  maracOnlyField: 'marac-only-field',
  /** rule-refused: IOM cases are adopted or rejected with a reason, not accepted/declined. */
  iomAdoptionDecision: 'iom-adoption-decision',
  /** rule-refused: the case is not eligible under the policy in force; use discretionary adoption. */
  iomCoreCohortEligibility: 'iom-core-cohort-eligibility',
  /** rule-refused: discretionary adoption is for cases that are not eligible; adopt eligible ones. */
  iomDiscretionForNonEligible: 'iom-discretion-for-non-eligible',
  /** invalid: a rejection or discretionary adoption in category `other` says why in `reason`. */
  iomReasonForOther: 'iom-reason-for-other',
  /** conflict: unlocated only while located (a run is open once), located only while unlocated. */
  iomWhereaboutsChange: 'iom-whereabouts-change',
  /** invalid: whereabouts are recorded from the UK day of the referral on. */
  iomWhereaboutsFromReferral: 'iom-whereabouts-from-referral',
  /** invalid: a whereabouts record is not dated before the UK day of the one before it. */
  iomWhereaboutsInOrder: 'iom-whereabouts-in-order',
  /** invalid: whereabouts dated later than the server's clock, beyond a few minutes of skew. */
  iomWhereaboutsNotInFuture: 'iom-whereabouts-not-in-future',
  /**
   * invalid: OGRS/OVP scores are left out only on the referral form (any agency may use it; only
   * probation holds the scores). Probation's upload and the core partners give them.
   */
  iomScoresOnRoute: 'iom-scores-on-route',
  /** invalid: OGRS, OVP and the robbery/burglary flag come together or not at all: a partial set judges nothing. */
  iomScoresTogether: 'iom-scores-together',
  /** invalid: scores recorded on a case are dated from the referral's UK day on. */
  iomScoresFromReferral: 'iom-scores-from-referral',
  /** invalid: scores dated later than the server's clock, beyond a few minutes of skew. */
  iomScoresNotInFuture: 'iom-scores-not-in-future',
  /** invalid: an IOM adoption, rejection or discretionary adoption dated before the referral's UK day. */
  iomDecisionFromReferral: 'iom-decision-from-referral',
  /** invalid: an IOM decision dated later than the server's clock, beyond a few minutes of skew. */
  iomDecisionNotInFuture: 'iom-decision-not-in-future',
  /** invalid: a closure dated before the referral's UK day. */
  closureFromReferral: 'closure-from-referral',
  /** invalid: a closure dated before the UK day of the decision that accepted (adopted) the case, when the client dated it. */
  closureAfterDecision: 'closure-after-decision',
  /** invalid: a closure dated before the UK day of the latest step recorded on the case (a discussion, action, rating ...). */
  closureAfterLastStep: 'closure-after-last-step',
  /** invalid: a closure dated later than the server's clock, beyond a few minutes of skew. */
  closureNotInFuture: 'closure-not-in-future',
  /** invalid: an accept or decline (not IOM) dated before the referral's UK day. */
  decisionFromReferral: 'decision-from-referral',
  /** invalid: a decline or IOM rejection dated before the UK day of the latest step recorded on the case (as for closures). */
  decisionAfterLastStep: 'decision-after-last-step',
  /** invalid: an accept or decline (not IOM) dated later than the server's clock, beyond a few minutes of skew. */
  decisionNotInFuture: 'decision-not-in-future',
  /** invalid: a status dated before the referral's UK day (it would replace the referral form's status). */
  statusFromReferral: 'case-status-from-referral',
  /** invalid: a status dated later than the server's clock, beyond a few minutes of skew. */
  statusNotInFuture: 'case-status-not-in-future',
  /** invalid: a RAG rating dated before the referral's UK day. */
  riskRatingFromReferral: 'risk-rating-from-referral',
  /** invalid: a RAG rating dated later than the server's clock, beyond a few minutes of skew. */
  riskRatingNotInFuture: 'risk-rating-not-in-future',
  /** invalid: an engagement level dated before the referral's UK day. */
  engagementFromReferral: 'engagement-from-referral',
  /** invalid: an engagement level dated later than the server's clock, beyond a few minutes of skew. */
  engagementNotInFuture: 'engagement-not-in-future',
  /** invalid: a listing (the case put on a meeting's agenda) dated before the referral's UK day. */
  listingFromReferral: 'case-listing-from-referral',
  /** invalid: a listing dated later than the server's clock, beyond a few minutes of skew (the meeting itself may lie ahead). */
  listingNotInFuture: 'case-listing-not-in-future',
  /** invalid: a discussion dated before the referral's UK day. */
  discussionFromReferral: 'case-discussion-from-referral',
  /** invalid: an action agreed, or completed, before the referral's UK day. */
  actionFromReferral: 'action-from-referral',
  /** invalid: an action agreed outside a meeting, or completed, later than the server's clock beyond skew. */
  actionNotInFuture: 'action-not-in-future',
  /** invalid: an action completed on a UK day before the one it was agreed on. */
  actionCompletedFromAgreedDay: 'action-completed-from-agreed-day',
  /** invalid: an intervention arranged, started, completed or declined before the referral's UK day. */
  interventionFromReferral: 'intervention-from-referral',
  /** invalid: an intervention step dated later than the server's clock, beyond a few minutes of skew. */
  interventionNotInFuture: 'intervention-not-in-future',
  /** invalid: started or declined before the UK day it was arranged, or completed before the UK day it started. */
  interventionStepsInOrder: 'intervention-steps-in-order',
  /** invalid: IOM pathways dated before the referral's UK day. */
  iomPathwaysFromReferral: 'iom-pathways-from-referral',
  /** invalid: IOM pathways dated later than the server's clock, beyond a few minutes of skew. */
  iomPathwaysNotInFuture: 'iom-pathways-not-in-future',
  /** rule-refused: the child's age at engagement is outside the scheme's range (10–18). */
  allianceAgeRange: 'alliance-age-range',
  allianceEngagementExists: 'alliance-engagement-exists',
  allianceEngagementIdUnique: 'alliance-engagement-id-unique',
  /** conflict: an outcome may change only from awaiting-intervention to intervention-arranged. */
  allianceOutcomeChange: 'alliance-outcome-change',
  allianceFollowUpOnce: 'alliance-follow-up-once',
  /** rule-refused: an outcome, release or follow-up dated before the engagement it belongs to. */
  allianceAfterEngagement: 'alliance-on-or-after-engagement',
  /** rule-refused: a MASH (out-of-area) outcome for a child living in one of the scheme's boroughs. */
  allianceOutOfAreaResidence: 'alliance-out-of-area-residence',
  /** invalid: a residence naming a home borough and another borough; the child lives in one. */
  allianceResidenceAmbiguous: 'alliance-residence-ambiguous',
  /** invalid: a correction of the residence says why (a typo, the child moved). */
  allianceResidenceReason: 'alliance-residence-reason',
  /** rule-refused: a residence on a closed case dated after the closure, when the scheme no longer followed the child. */
  allianceResidenceNotAfterClosure: 'alliance-residence-not-after-closure',
  /** rule-refused: a residence correction making a home borough in force at a recorded out-of-area MASH outcome. */
  allianceResidenceContradictsOutcome: 'alliance-residence-contradicts-outcome',
  /** conflict: a release from custody is recorded once per engagement. */
  allianceCustodyReleaseOnce: 'alliance-custody-release-once',
  /** rule-refused: a follow-up comes after the release it follows, when the release is recorded. */
  allianceFollowUpAfterRelease: 'alliance-follow-up-after-release',
  /** invalid: an Alliance fact dated later than the server's clock, beyond a few minutes of skew. */
  allianceNotInFuture: 'alliance-not-in-future',
  /** invalid: a correction of known-to-YOS says why. */
  allianceKnownToYosReason: 'alliance-known-to-yos-reason',
  /** rule-refused: a known-to-YOS answer on a closed case dated after the closure, when the scheme no longer followed the child. */
  allianceKnownToYosNotAfterClosure: 'alliance-known-to-yos-not-after-closure',
} as const;

export type CaseRuleName = (typeof CASE_RULES)[keyof typeof CASE_RULES];

export const MEETING_RULES = {
  meetingExists: 'meeting-exists',
  meetingScheduledOnce: 'meeting-scheduled-once',
  panelRegistered: 'panel-registered',
  /** conflict: a held or cancelled meeting takes no more listings, and cannot be held or cancelled again. */
  meetingStillToSit: 'meeting-still-to-sit',
  listedOncePerMeeting: 'case-listed-once-per-meeting',
  heldOnce: 'meeting-held-once',
  /** conflict: only listed cases can be recorded as discussed. */
  discussedWhenListed: 'case-discussed-when-listed',
  /** conflict: a meeting sits on or after the UK calendar day it was scheduled for, never before. */
  heldFromScheduledDay: 'meeting-held-from-scheduled-day',
  /** invalid: a meeting is recorded held once it has sat, not ahead of time. */
  heldNotInFuture: 'meeting-held-not-in-future',
  /** conflict: a meeting is not recorded as sitting on a UK day before a discussion or action its cases recorded there. */
  heldNotBeforeWorkThere: 'meeting-held-not-before-work-there',
  /** conflict: a meeting at which a case was discussed, or an action agreed, sat: it is recorded held, not cancelled. */
  cancelledBeforeWorkThere: 'meeting-cancelled-before-work-there',
  /** invalid: a meeting is called off once it has been, not ahead of time (its `scheduledFor` may lie ahead). */
  cancelledNotInFuture: 'meeting-cancelled-not-in-future',
  /** invalid: a meeting is recorded as arranged once it has been, not ahead of time (its `scheduledFor` may lie ahead). */
  scheduledNotInFuture: 'meeting-scheduled-not-in-future',
  /** invalid: a meeting is not called off on a UK day before the one it was scheduled on. */
  cancelledFromScheduling: 'meeting-cancelled-from-scheduling',
} as const;

export const PERSON_RULES = {
  personExists: 'person-exists',
  registeredOnce: 'person-registered-once',
  /** conflict: a case records details only on a person record its own panel's referral brought in. */
  recordOfCasePanel: 'person-record-of-case-panel',
  /** invalid: details are recorded once they are known, not ahead of the server's clock. */
  detailsNotInFuture: 'person-details-not-in-future',
  /** invalid: details recorded through a case are dated from the UK day of its referral on. */
  detailsFromReferral: 'person-details-from-referral',
  /** invalid: forenames, a surname and each alias's parts contain a letter (of any script). */
  nameHasLetter: 'name-has-letter',
  /** invalid: identifiers set or removed on a record say why (not blank): the event is what an auditor reads. */
  reasonWithIdentifiers: 'reason-with-identifiers',
  /** conflict: an identifier is removed only from a record that holds it (another record keeps its own). */
  identifierNotOnRecord: 'identifier-not-on-record',
  /** invalid: identifiers and other details that would go on two records are sent in two requests, never half-written. */
  identifiersSentAlone: 'identifiers-sent-alone',
  /** conflict: a perpetrator's identifiers are corrected through a MARAC case only on the record its referral brought in for him. */
  perpetratorRecordOfCase: 'perpetrator-record-of-case',
} as const;
