import {
  IOM_DISCRETION_CATEGORIES,
  IOM_REJECTION_CATEGORIES,
  recordedCategory,
} from '../../../../case-lifecycle/src/domain/vocabulary/iom';
import { allianceResidence, interventionPathway } from './coded-values';
import type { ExportRecord } from './export-columns';
import { ageBand } from './person-attributes';

type Data = Record<string, unknown>;

export interface AttributeContext {
  /** Keyed pseudonym of an id of the given kind. */
  readonly pseudonym: (kind: 'case' | 'person' | 'meeting' | 'item', id: string) => string;
  readonly date: (value: string) => string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
const obj = (value: unknown): Data => (typeof value === 'object' && value !== null ? (value as Data) : {});
const list = (value: unknown): string | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').join(';') : undefined;
const presentCount = (value: unknown): number | undefined =>
  Array.isArray(value) ? value.filter((a) => obj(a).status === 'present').length : undefined;

/** Drops the keys whose value is undefined, so absent facts stay absent (null in CSV). */
function compact(record: Record<string, unknown>): ExportRecord {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as ExportRecord;
}

function knownToYos(value: unknown): string | undefined {
  if (value === true || value === 'yes') return 'yes';
  if (value === false || value === 'no') return 'no';
  if (value === null || value === 'not-checked') return 'not-checked';
  return undefined;
}

/** OGRS, OVP and the robbery/burglary flag as the case events hold them (`IomScores`). */
function scoreAttributes(value: unknown): ExportRecord {
  const scores = obj(value);
  return compact({
    iom_ogrs2: num(scores.ogrs2y),
    iom_ovp2: num(scores.ovp2y),
    iom_robbery_or_burglary_2y: bool(scores.robberyOrBurglaryInLast2Years),
  });
}

function referralAttributes(data: Data): ExportRecord {
  const details = obj(data.details);
  // The referrer's agency, an IOM index offence and an Alliance custody suite are free text: not read.
  switch (details.kind) {
    case 'marac': {
      const consent = obj(details.consent);
      // The perpetrator (other_person) is pseudonymised by the assembly, as the log knows them at the end.
      return compact({
        marac_dash_score: num(details.dashScore),
        marac_police_callouts_12m: num(details.policeCallouts12m),
        marac_criteria_met: list(details.criteriaMet),
        marac_repeat: bool(details.repeat),
        marac_consent_given: bool(consent.given),
        marac_children_in_household: Array.isArray(details.children) ? details.children.length : undefined,
      });
    }
    case 'iom':
      // A referral form may come without scores: the columns are then left out, never guessed.
      return compact({
        iom_route: str(details.route),
        iom_status_at_referral: str(details.statusAtReferral),
        ...scoreAttributes(details.scores),
      });
    default:
      return {};
  }
}

/**
 * The export's own bands, not the Alliance report's 9-10/11-15/16-18: the subject's person
 * record carries `age_band` in the export's bands, and the two schemes intersected would give
 * 10 (10-15 with 9-10) and 18 (18-24 with 16-18) exactly.
 */
function allianceAgeBand(value: unknown): string | undefined {
  const age = num(value);
  return age === undefined || age < 0 ? undefined : ageBand(Math.floor(age));
}

/**
 * The allow-listed attributes of a case or meeting event. Event types not named here export
 * only their type, time and pseudonyms: a new event type cannot leak a field by being added.
 */
export function eventAttributes(type: string, data: Data, context: AttributeContext): ExportRecord {
  const item = (key: string): string | undefined => {
    const id = str(data[key]);
    return id === undefined ? undefined : context.pseudonym('item', id);
  };
  const meeting = (): string | undefined => {
    const id = str(data.meetingId);
    return id === undefined ? undefined : context.pseudonym('meeting', id);
  };
  switch (type) {
    case 'referral-made':
      return referralAttributes(data);
    case 'case-listed':
      return compact({ meeting: meeting() });
    case 'panel-discussed':
      return compact({ meeting: meeting(), attendance_present: presentCount(data.attendance) });
    case 'action-agreed': {
      const due = str(data.dueBy);
      return compact({
        item: item('actionId'),
        meeting: meeting(),
        action_due_by: due === undefined ? undefined : context.date(due),
      });
    }
    case 'action-completed':
      return compact({ item: item('actionId') });
    case 'intervention-arranged':
      return compact({
        item: item('interventionId'),
        intervention_pathway: interventionPathway(str(data.pathway)),
      });
    case 'intervention-started':
    case 'intervention-completed':
    case 'intervention-declined':
      return compact({ item: item('interventionId') });
    case 'engagement-recorded':
      return compact({ engagement_level: str(data.level) });
    case 'risk-rated':
      return compact({ risk_rating: str(data.rating) });
    case 'case-status-changed':
      return compact({ status: str(data.status), previous_status: str(data.previousStatus) });
    case 'case-closed':
      return compact({ exit_status: str(data.exitStatus) });
    case 'iom-eligibility-evaluated': {
      const policy = obj(data.policy);
      const id = str(policy.id);
      return compact({
        iom_policy: id === undefined ? undefined : `${id}@${num(policy.version) ?? str(policy.version) ?? ''}`,
        iom_eligible: bool(data.eligible),
        ...scoreAttributes(data.inputs),
      });
    }
    // The category only: the typed reason has named a victim and her address.
    case 'iom-case-rejected':
      return { iom_decision_category: recordedCategory(IOM_REJECTION_CATEGORIES, data.category) };
    case 'iom-discretionary-adoption':
      return { iom_decision_category: recordedCategory(IOM_DISCRETION_CATEGORIES, data.category) };
    case 'iom-pathways-updated':
      return compact({ iom_pathways: list(data.pathways) });
    case 'alliance-engagement-recorded':
      return compact({
        item: item('engagementId'),
        alliance_residence: allianceResidence(str(data.residenceBorough)),
        alliance_known_to_yos: knownToYos(data.knownToYos),
        alliance_age_band: allianceAgeBand(data.ageAtEngagement),
      });
    case 'alliance-engagement-outcome-recorded':
      return compact({
        item: item('engagementId'),
        alliance_outcome: str(data.outcome),
        alliance_previous_outcome: str(data.previousOutcome),
      });
    case 'alliance-custody-release-recorded': {
      // The release time is the event's own occurred_at, coarsened with the rest.
      const due = str(data.followUpDueAt);
      return compact({
        item: item('engagementId'),
        alliance_follow_up_due_at: due === undefined ? undefined : context.date(due),
      });
    }
    case 'alliance-known-to-yos-recorded':
      // The reason is free text a worker typed about the child: never exported.
      return compact({
        item: item('engagementId'),
        alliance_known_to_yos: knownToYos(data.knownToYos),
        alliance_previous_known_to_yos: knownToYos(data.previous),
      });
    case 'alliance-residence-recorded':
      // Coded as at engagement; the reason and the previous text are typed about the child: never exported.
      return compact({
        item: item('engagementId'),
        alliance_residence: allianceResidence(str(data.residenceBorough)),
      });
    case 'alliance-follow-up-completed':
      return compact({ item: item('engagementId') });
    case 'meeting-case-listed': {
      const caseId = str(data.caseId);
      return compact({
        case: caseId === undefined ? undefined : context.pseudonym('case', caseId),
        agency_requests: Array.isArray(data.agencyRequests) ? data.agencyRequests.length : undefined,
      });
    }
    case 'meeting-held':
      return compact({
        attendance_present: presentCount(data.attendance),
        cases_discussed: Array.isArray(data.casesDiscussed) ? data.casesDiscussed.length : undefined,
      });
    default:
      return {};
  }
}
