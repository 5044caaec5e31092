import { ServiceUnavailableException } from '@nestjs/common';
import type { PreviousVersion } from '../../../read-models/src/previous-version-tables';
import { READ_MODEL_REBUILDING } from '../../../read-models/src/read-model-database';
import type { PanelKind } from '../domain';
import { ENFORCEMENT_RULES } from './cohort-enforcement';
import { searchWords } from './cohort-select';
import type { CohortQuery } from './cohort.query';

/**
 * What the tracker reads, as `table.column` (`table.*`: any column of it), so that an answer from
 * a previous version, which lacks some of it (see `PreviousVersionTables`), refuses what it cannot
 * answer and shows null for what it cannot say, instead of a wrong list or a guessed value.
 */
type Reads = readonly string[];

/** Without these no page can be read, ordered or paged: the previous version cannot answer at all. */
const EVERY_PAGE: Reads = [
  'cases.case_id',
  'cases.panel',
  'cases.person_id',
  'cases.phase',
  'cases.referred_order',
  'cases.memo',
];
const MEETINGS: Reads = ['meetings.*', 'meeting_discussions.*'];
const REPEAT: Reads = [
  'cases.marac_repeat',
  'cases.marac_repeat_window',
  'cases.marac_incident_at',
  'cases.referred_at',
  // Without the form's dates a repeat on one would be withdrawn as no longer held.
  'marac_reported.*',
];

const COMMON_FIELDS: readonly (readonly [string, Reads])[] = [
  ['currentStatus', ['cases.current_status']],
  ['rag', ['cases.rag']],
  ['openActions', ['cases.open_actions']],
  ['overdueAction', ['cases.earliest_action_due']],
  ['nextMeeting', MEETINGS],
  ['lastDiscussed', ['cases.last_discussed', ...MEETINGS]],
];

/** Each item field a panel's items carry beyond the common ones, with what it is worked out from. */
const PANEL_FIELDS: Readonly<Record<PanelKind, readonly (readonly [string, Reads])[]>> = {
  marac: [
    ['marac.repeat', REPEAT],
    ['marac.repeatRecognisedLater', REPEAT],
    ['marac.repeatFrom', REPEAT],
    ['marac.dashScore', ['cases.dash_score']],
    ['marac.idva', ['cases.marac_idva']],
  ],
  iom: [
    ['iom.eligible', ['cases.iom_eligible']],
    ['iom.eligibility', ['cases.iom_eligible']],
    ['iom.decision', ['cases.iom_decision']],
    ['iom.reasonCategory', ['cases.iom_reason_category']],
    ['iom.reason', ['cases.iom_reason']],
    ['iom.engagementLevel', ['cases.engagement_level']],
    ['iom.pathways', ['cases.iom_pathways']],
    ['iom.cohortExpiry', ['cases.iom_expiry_month', 'cases.iom_expiry_reason']],
    ['iom.nonEngagementSince', ['cases.non_engagement_since']],
    ['iom.unlocatedSince', ['cases.unlocated_since']],
    ['iom.enforcement', ['cases.non_engagement_since', 'cases.unlocated_since']],
  ],
  alliance: [
    ['alliance.residence', ['cases.alliance_residence']],
    ['alliance.outcome', ['cases.alliance_outcome']],
    ['alliance.followUpDue', ['cases.follow_up_due']],
    ['alliance.followUpFrom', ['cases.follow_up_from']],
    ['alliance.followUpOverdue', ['cases.follow_up_due']],
  ],
  generic: [],
};

/** Each filter the query sets, with what it reads. */
function filtersOf(query: CohortQuery): [field: keyof CohortQuery, reads: Reads][] {
  const eligibility: Reads =
    query.eligibility === 'eligible-not-adopted'
      ? ['cases.iom_eligible', 'cases.iom_decision', 'cases.referred_at', 'cases.last_position'].concat([
          'iom_case_evidence.*',
          'iom_upload_evidence.*',
        ])
      : ['cases.iom_eligible', 'cases.iom_decision'];
  const filters: [keyof CohortQuery, Reads, boolean][] = [
    ['status', ['cases.current_status'], query.status !== undefined],
    ['rag', ['cases.rag'], query.rag !== undefined],
    ['overdue', ['cases.earliest_action_due', 'cases.follow_up_due'], query.overdue === 'true'],
    ['eligibility', eligibility, query.eligibility !== undefined],
    ['idva', ['cases.marac_idva'], query.idva !== undefined],
    [
      'enforcement',
      query.enforcement === undefined ? [] : [`cases.${ENFORCEMENT_RULES[query.enforcement].column}`],
      query.enforcement !== undefined,
    ],
    [
      'nextReviewBefore',
      ['cases.next_meeting', 'waiting_listings.*', ...MEETINGS],
      query.nextReviewBefore !== undefined,
    ],
    ['q', ['people.search_name'], searchWords(query.q).length > 0],
  ];
  return filters.filter(([, , set]) => set).map(([field, reads]) => [field, reads]);
}

const lacks = (previous: PreviousVersion, reads: Reads): boolean =>
  reads.some((read) =>
    read.endsWith('.*')
      ? previous.lacking.some((column) => column.startsWith(read.slice(0, -1)))
      : previous.lacking.includes(read),
  );

const rebuildingMessage = (previous: PreviousVersion, what: string): string =>
  `the cohort tracker is being rebuilt as version ${previous.rebuilding}; version ${previous.version} answers until then (as of position ${previous.position.toString()}) but ${what}; retry shortly`;

/**
 * Refuses, with 503 `read-model-rebuilding` naming each filter, a query the previous version cannot
 * answer: a filter on a column it lacks would otherwise answer a wrong list. Without the columns
 * every page reads it cannot answer at all.
 */
export function requireAnswerable(previous: PreviousVersion, query: CohortQuery): void {
  if (lacks(previous, EVERY_PAGE))
    throw new ServiceUnavailableException({
      message: rebuildingMessage(
        previous,
        `it lacks ${EVERY_PAGE.filter((c) => previous.lacking.includes(c)).join(', ')}`,
      ),
      rule: READ_MODEL_REBUILDING,
    });
  const refused = filtersOf(query).filter(([, reads]) => lacks(previous, reads));
  if (refused.length === 0) return;
  throw new ServiceUnavailableException({
    message: rebuildingMessage(previous, `it cannot filter on ${refused.map(([field]) => field).join(', ')}`),
    rule: READ_MODEL_REBUILDING,
    errors: refused.map(([field]) => ({
      field,
      rule: READ_MODEL_REBUILDING,
      message: `${field} reads what version ${previous.version} does not hold; retry once version ${previous.rebuilding} answers`,
    })),
  });
}

/** The item fields, as `panel.field` paths, that the previous version cannot say for `kind`'s items. */
export function unknownFields(previous: PreviousVersion, kind: PanelKind): string[] {
  return [...COMMON_FIELDS, ...PANEL_FIELDS[kind]]
    .filter(([, reads]) => lacks(previous, reads))
    .map(([field]) => field);
}

/** `item`, each of `fields` set to null: worked out from what the previous version lacks, it would be a guess. */
export function withUnknownNull<Item extends object>(item: Item, fields: readonly string[]): Item {
  const fieldsOf = item as Record<string, unknown>;
  for (const field of fields) {
    const [first, second] = field.split('.') as [string, string | undefined];
    const holder = second === undefined ? fieldsOf : (fieldsOf[first] as Record<string, unknown> | undefined);
    if (holder !== undefined) holder[second ?? first] = null;
  }
  return item;
}

/** The body's `previousVersion`: which version answered, as of which position, and what it could not say. */
export function previousVersionBody(previous: PreviousVersion, unknown: readonly string[]) {
  return {
    version: previous.version,
    rebuilding: previous.rebuilding,
    position: Number(previous.position),
    lacking: previous.lacking,
    unknownFields: unknown,
  };
}
