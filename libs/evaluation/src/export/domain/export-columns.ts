import { IOM_PATHWAYS } from '../../../../case-lifecycle/src/domain/vocabulary/iom';
import { ETHNIC_CATEGORIES, ETHNIC_GROUPS } from '../../domain/equality/census-ethnic-groups';
import { DISABILITY_VALUES, FIRST_LANGUAGE_VALUES } from '../../domain/equality/equality-values';

/**
 * The columns of a pseudonymised export, with what each means, its type and how it was made
 * from the recorded event. One list feeds the CSV header, the NDJSON keys and the data dictionary,
 * so a column cannot be exported without being documented.
 */
export interface ExportColumn {
  readonly name: string;
  readonly type: 'integer' | 'number' | 'boolean' | 'string' | 'date' | 'list';
  readonly meaning: string;
  readonly transformation: string;
}

const kept = 'as recorded';
const column = (
  name: string,
  type: ExportColumn['type'],
  meaning: string,
  transformation: string = kept,
): ExportColumn => ({ name, type, meaning, transformation });

/** The values saying why a person has no census group or category. */
const UNPLACED =
  'not-recorded (no value), not-stated (declined to say), not-recognised (text that is not wholly one value)';
const READ_FROM_TEXT =
  'free text read as the fixed vocabulary when the whole text names one value (case, punctuation, census wording, short forms, Home Office 18+1 codes), else not-recognised; the text is never exported';

const PSEUDONYM = 'keyed pseudonym HMAC-SHA256(export key, id), 20 hex characters; stable within this export only';
/** Why a person's pseudonym may differ from the id an event recorded: see `PEOPLE_AS_NOW_KNOWN`. */
const PERSON_PSEUDONYM = `${PSEUDONYM}, of the person as the whole log knows them when the export runs (see "people")`;

/** The rule a researcher needs to count people and repeat contacts; shipped in the data dictionary. */
export const PEOPLE_AS_NOW_KNOWN =
  'A person is pseudonymised as the whole event log knows them when the export runs, not by the id recorded on the event: ids a reviewer confirmed as one person share one pseudonym (the surviving id’s) on every record, including records from before the decision; a split that restores a merged person gives them their own pseudonym again; a split that moves a case makes its records carry the pseudonym of the person it moved to. A confirmation that a rejection recorded earlier keeps apart merges nobody. A person’s details are exported when that person, under any of their ids, is the subject or the MARAC perpetrator of a case on a selected panel. Match and merge decisions themselves are not exported, so the same person can carry a different pseudonym in a linkable export made before a merge or after a split.';

export const EXPORT_COLUMNS = [
  column('seq', 'integer', 'Order of the event in this export (the global log order)', 'replaces the event id'),
  column('event_type', 'string', 'What happened, e.g. referral-made, case-closed'),
  column(
    'occurred_at',
    'date',
    'When it happened in the world (may be back-dated)',
    'ISO date-time, or YYYY-MM when dates are coarsened to month',
  ),
  column('panel', 'string', 'Panel code: IOM, MARAC, ALLIANCE ...'),
  column('case', 'string', 'The case (one person on one panel)', PSEUDONYM),
  column('person', 'string', 'The subject of the case, or the person a person event describes', PERSON_PSEUDONYM),
  column('other_person', 'string', 'MARAC: the perpetrator named on the referral', PERSON_PSEUDONYM),
  column('meeting', 'string', 'The panel meeting', PSEUDONYM),
  column('item', 'string', 'The action, intervention or Alliance engagement the event is about', PSEUDONYM),
  column('recorded_by_agency', 'string', 'Agency of the user who recorded the event', 'user id and name removed'),
  column('sex', 'string', 'Person: female, male, other, not-known'),
  column(
    'ethnic_group',
    'string',
    `Person: 2021 Census (England and Wales) high-level ethnic group: ${Object.keys(ETHNIC_GROUPS).join(', ')}; ${UNPLACED}`,
    READ_FROM_TEXT,
  ),
  column(
    'ethnic_category',
    'string',
    `Person: 2021 Census detailed ethnic category (19), named <group>-<category>: ${Object.keys(ETHNIC_CATEGORIES).join(', ')}; ${UNPLACED} (a group named alone gives the group and not-recognised here)`,
    READ_FROM_TEXT,
  ),
  column(
    'disability',
    'string',
    `Person: disabled, as answered: ${DISABILITY_VALUES.join(', ')}`,
    `${READ_FROM_TEXT}; a description of an impairment is not-recognised`,
  ),
  column(
    'language',
    'string',
    `Person: first or main language: ${FIRST_LANGUAGE_VALUES.join(', ')}`,
    'free text read as English alone, anything else other; the text is never exported',
  ),
  column(
    'age_band',
    'string',
    'Person: age at the event: 0-9, 10-15, 16-17, 18-24, 25-34, 35-49, 50+',
    'derived from the date of birth, which is removed',
  ),
  column(
    'postcode_district',
    'string',
    'Person: outward code of the postcode (e.g. N17)',
    'inward code removed; address removed',
  ),
  column('status', 'string', 'case-status-changed: the new status code'),
  column('previous_status', 'string', 'case-status-changed: the status before'),
  column('exit_status', 'string', 'case-closed: the exit status code', 'free-text exit detail removed'),
  column('engagement_level', 'string', 'engagement-recorded: motivation & engagement level', 'note removed'),
  column('risk_rating', 'string', 'risk-rated: red, amber or green', 'rationale removed'),
  column(
    'intervention_pathway',
    'string',
    `intervention-arranged: pathway served: ${IOM_PATHWAYS.join(', ')} or other`,
    'free text mapped to a pathway code, else "other"; type and provider removed (see withheld)',
  ),
  column('action_due_by', 'date', 'action-agreed: due date', 'YYYY-MM when dates are coarsened to month'),
  column(
    'attendance_present',
    'integer',
    'panel-discussed / meeting-held: agencies present',
    'names of agencies summed',
  ),
  column('cases_discussed', 'integer', 'meeting-held: cases the meeting reached', 'case ids counted'),
  column('agency_requests', 'integer', 'meeting-case-listed: agencies asked to bring information', 'counted'),
  column('marac_dash_score', 'integer', 'referral-made (MARAC): DASH risk checklist score'),
  column('marac_police_callouts_12m', 'integer', 'referral-made (MARAC): police call-outs in 12 months'),
  column('marac_criteria_met', 'list', 'referral-made (MARAC): referral criteria met', 'joined with ";"'),
  column(
    'marac_repeat',
    'boolean',
    'referral-made (MARAC): a repeat, judged when referred within the repeat window then in force (12 months unless configured)',
  ),
  column(
    'marac_consent_given',
    'boolean',
    'referral-made (MARAC): the victim consented to sharing',
    'justification removed',
  ),
  column(
    'marac_children_in_household',
    'integer',
    'referral-made (MARAC): children in the household',
    "children's names and dates of birth removed, counted",
  ),
  column('iom_route', 'string', 'referral-made (IOM): referral route'),
  column('iom_status_at_referral', 'string', 'referral-made (IOM): status on the referral form'),
  column(
    'iom_ogrs2',
    'number',
    'IOM: OGRS 2-year score (referral or eligibility evaluation); absent on a referral form that came without scores',
  ),
  column(
    'iom_ovp2',
    'number',
    'IOM: OVP 2-year score (referral or eligibility evaluation); absent on a referral form that came without scores',
  ),
  column(
    'iom_robbery_or_burglary_2y',
    'boolean',
    'IOM: robbery or burglary in the last 2 years; absent on a referral form that came without scores',
  ),
  column('iom_policy', 'string', 'iom-eligibility-evaluated: policy id@version'),
  column('iom_eligible', 'boolean', 'iom-eligibility-evaluated: eligible under that policy'),
  column(
    'iom_decision_category',
    'string',
    'iom-case-rejected / iom-discretionary-adoption: the panel’s category of why',
    'as recorded; not-categorised for decisions recorded before categories; the typed reason is never exported',
  ),
  column('iom_pathways', 'list', 'iom-pathways-updated: criminogenic needs identified', 'joined with ";"'),
  column(
    'alliance_residence',
    'string',
    'Alliance: borough of residence, a scheme home borough or other (alliance-residence-recorded: as corrected)',
    'free text mapped to a home borough, else "other"',
  ),
  column('alliance_known_to_yos', 'string', 'Alliance: known to the youth offending service: yes, no, not-checked'),
  column(
    'alliance_age_band',
    'string',
    'Alliance: age at engagement in the export’s bands (as age_band), not the Alliance report’s 9-10/11-15/16-18',
    'whole years removed; two band schemes together would give ages 10 and 18 exactly',
  ),
  column('alliance_outcome', 'string', 'Alliance: engagement outcome code'),
  column('alliance_previous_outcome', 'string', 'Alliance: outcome replaced by this one'),
  column(
    'alliance_previous_known_to_yos',
    'string',
    'alliance-known-to-yos-recorded: the answer this check or correction replaced (yes, no, not-checked)',
    'free-text reason removed',
  ),
  column(
    'alliance_follow_up_due_at',
    'date',
    'alliance-custody-release-recorded: follow-up due (release + follow-up hours); the release is occurred_at',
    'YYYY-MM when dates are coarsened to month',
  ),
] as const satisfies readonly ExportColumn[];

export type ExportColumnName = (typeof EXPORT_COLUMNS)[number]['name'];
export type ExportValue = string | number | boolean | null;
export type ExportRecord = Partial<Record<ExportColumnName, ExportValue>>;

/**
 * Removed wherever they appear, never exported: names, aliases, dates of birth, addresses, full
 * postcodes, PNC/CRO/NHS/NOMS/CRN, phone numbers and emails, free-text notes, reasons and
 * summaries, safe contact numbers, children's names, crime references, the recording user.
 */
export const REMOVED_FIELDS_NOTE =
  'Direct identifiers are never exported: names, aliases, dates of birth, addresses, full postcodes, PNC/CRO/NHS/NOMS/CRN numbers, phone numbers and emails, safe contact numbers, children’s names, crime references, free-text notes, reasons and summaries, and the recording user’s id and name. No free text a worker typed is exported: it is left out or mapped to a fixed vocabulary (see withheld). Fields are taken from an allow-list per event type: anything not listed above is dropped.';
