/**
 * Long random case and person histories for the cohort projection's specs. Events are not
 * decided: `evolveCase` trusts whatever is in the log, so this writes what a decider never
 * would as well (a meeting relisted after its discussion, an action completed twice or never
 * agreed, events before the referral) over small pools of ids so that they collide. All data
 * is synthetic.
 */
import { randomUUID } from 'node:crypto';
import type { EventMetadata, EventToAppend } from '../../../../event-store/src/port/event-envelope';
import type { EventStore } from '../../../../event-store/src/port/event-store';
import { seededRandom } from '../../../../read-models/src/testing/random-log';
import {
  ALLIANCE_OUTCOMES,
  CASE_EVENT_TYPES,
  ENGAGEMENT_LEVELS,
  IOM_COHORT_EXPIRY_REASONS,
  IOM_DISCRETION_CATEGORIES,
  IOM_PATHWAYS,
  IOM_REJECTION_CATEGORIES,
  IOM_REFERRAL_FORM_STATUSES,
  RAG_RATINGS,
  type CaseEvent,
  type CaseEventType,
  type MeetingEvent,
  type PanelKind,
  type PersonEvent,
  type ReferralDetails,
} from '../../domain';

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
/**
 * A category, or none as on decisions recorded before categories. Chosen from the date rather than
 * drawn from `random`, so that every other seeded log stays as it was.
 */
function categorisedSometimes<C extends string>(categories: readonly C[], occurredAt: string): { category?: C } {
  const dayAndHour = Number(occurredAt.slice(8, 10)) + Number(occurredAt.slice(11, 13));
  return dayAndHour % 4 === 0 ? {} : { category: categories[dayAndHour % categories.length] as C };
}
/** Some items picked often (long histories), others a handful of times (a stream that stops early). */
const pickSkewed = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() ** 3 * items.length)] as T;

/** Ids that are array indexes or Object.prototype names order and look up differently in records. */
const ODD_IDS = ['7', '10', 'constructor', 'toString'];
/**
 * Ids that only ever stand inside events can be worse still: assigned to an ordinary object,
 * `__proto__` makes no key at all. (A stream name's id must start with a letter or a digit.)
 */
const ODD_ENTRY_IDS = [...ODD_IDS, '__proto__'];
const ids = (prefix: string, count: number, odd = ODD_IDS): string[] => [
  ...odd,
  ...Array.from({ length: count }, (_, i) => `${prefix}-${i}`),
];

const PEOPLE = ids('person', 60);
const MEETING_STREAMS = ids('meeting', 8);
const MEETINGS = ids('meeting', 8, ODD_ENTRY_IDS);
const ACTIONS = ids('action', 12, ODD_ENTRY_IDS);
const INTERVENTIONS = ids('intervention', 4, ODD_ENTRY_IDS);
const ENGAGEMENTS = ids('engagement', 4, ODD_ENTRY_IDS);
const FORENAMES = ['Jordan', 'Sam', 'Priya', 'Kofi', 'Ana \u00b7 Maria', 'Niamh'];
const SURNAMES = ['Okafor', 'Reyes', 'Nowak', 'Byrne', 'Mensah'];
/** Half name an IDVA, so an intervention can be arranged again as IDVA support or as something else. */
const INTERVENTION_TYPES = ['IDVA support', 'Outreach (idva)', 'Mentoring', 'Tenancy support'];
const EXPIRY_MONTHS = ['2024-04', '2024-05', '2024-06'];

function day(random: Random): string {
  return `2024-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`;
}

function at(random: Random): string {
  return `${day(random)}T${10 + Math.floor(random() * 10)}:00:00.000Z`;
}

/**
 * Half the IOM form referrals come without scores (not assessed until an evaluation), and MARAC
 * referrals are judged under a 3, 12 or 18 month repeat window: chosen from the dates rather than
 * drawn from `random`, as `categorisedSometimes` is.
 */
const withoutScores = (referredAt: string): boolean => Number(referredAt.slice(11, 13)) % 2 === 0;
const repeatWindowOf = (incidentAt: string): number => [3, 12, 18][Number(incidentAt.slice(5, 7)) % 3] as number;

function referralDetails(random: Random, referredAt: string): ReferralDetails {
  const kind = pick(random, ['generic', 'marac', 'iom', 'alliance'] as const);
  switch (kind) {
    case 'generic':
      return { kind };
    case 'alliance':
      return { kind, custodySuite: 'Synthetic Suite' };
    case 'iom':
      return {
        kind,
        route: 'referral-form',
        ...(withoutScores(referredAt)
          ? {}
          : { scores: { ogrs2y: 80, ovp2y: 40, robberyOrBurglaryInLast2Years: false } }),
        statusAtReferral: random() < 0.2 ? null : pick(random, IOM_REFERRAL_FORM_STATUSES),
      };
    case 'marac': {
      const incidentAt = at(random);
      return {
        kind,
        consent: { given: true },
        perpetrator: { personId: pick(random, PEOPLE), relationshipToVictim: 'ex-partner' },
        children: [],
        incident: { occurredAt: incidentAt, summary: 'Synthetic incident' },
        ...(random() < 0.8 ? { dashScore: 10 + Math.floor(random() * 15) } : {}),
        criteriaTicked: ['visible-high-risk'],
        criteriaMet: ['visible-high-risk'],
        repeat: random() < 0.3,
        ...reportedSometimes(incidentAt),
        previousMaracReferralAt: null,
        thresholdsApplied: {
          dashThreshold: 14,
          policeCalloutsThreshold: 3,
          repeatWindowMonths: repeatWindowOf(incidentAt),
        },
      };
    }
  }
}

/**
 * A previous MARAC date from the form, judged with (`repeatFrom`) or given before it counted, or
 * none. Chosen from the date rather than drawn from `random`, as `categorisedSometimes` is.
 */
function reportedSometimes(
  incidentAt: string,
): Pick<Extract<ReferralDetails, { kind: 'marac' }>, 'previousMaracDateReported' | 'repeatFrom'> {
  const dayAndHour = Number(incidentAt.slice(8, 10)) + Number(incidentAt.slice(11, 13));
  const reported = { previousMaracDateReported: `2023-0${1 + (dayAndHour % 9)}-15` };
  if (dayAndHour % 3 === 0) return { ...reported, repeatFrom: dayAndHour % 2 === 0 ? 'reported' : null };
  return dayAndHour % 3 === 1 ? reported : {};
}

function caseEvent(random: Random, caseId: string, type: CaseEventType): CaseEvent {
  const occurredAt = at(random);
  const eligibility = { id: 'synthetic-policy', version: 1 };
  switch (type) {
    case 'referral-made':
      return {
        type,
        data: {
          caseId,
          panelCode: pick(random, ['MARAC', 'IOM', 'ALLIANCE', 'OTHER']),
          personId: pick(random, PEOPLE),
          referrer: { name: 'Synthetic Referrer', agency: 'police' },
          reason: 'Synthetic referral',
          occurredAt,
          details: referralDetails(random, occurredAt),
        },
      };
    case 'referral-accepted':
      return { type, data: { occurredAt } };
    case 'referral-declined':
      return { type, data: { reason: 'Threshold not met', occurredAt } };
    case 'case-listed':
      return { type, data: { meetingId: pick(random, MEETINGS), meetingDate: at(random), occurredAt } };
    case 'panel-discussed':
      return {
        type,
        data: { meetingId: pick(random, MEETINGS), attendance: [], summary: 'Synthetic', decisions: [], occurredAt },
      };
    case 'action-agreed':
      return {
        type,
        data: {
          actionId: pick(random, ACTIONS),
          description: 'Synthetic action',
          ownerAgency: 'Probation',
          dueBy: day(random),
          meetingId: random() < 0.5 ? null : pick(random, MEETINGS),
          occurredAt,
        },
      };
    case 'action-completed':
      return { type, data: { actionId: pick(random, ACTIONS), occurredAt } };
    case 'intervention-arranged':
      return {
        type,
        data: {
          interventionId: pick(random, INTERVENTIONS),
          interventionType: pick(random, INTERVENTION_TYPES),
          provider: 'Synthetic provider',
          pathway: null,
          occurredAt,
        },
      };
    case 'intervention-started':
    case 'intervention-completed':
    case 'intervention-declined':
      return { type, data: { interventionId: pick(random, INTERVENTIONS), occurredAt } };
    case 'engagement-recorded':
      return { type, data: { level: pick(random, ENGAGEMENT_LEVELS), occurredAt } };
    case 'risk-rated':
      return { type, data: { rating: pick(random, RAG_RATINGS), occurredAt } };
    case 'case-status-changed':
      return {
        type,
        data: { status: pick(random, ['in-custody', 'in-intervention']), previousStatus: null, occurredAt },
      };
    case 'case-closed':
      return { type, data: { exitStatus: 'other', occurredAt } };
    case 'iom-eligibility-evaluated':
      return {
        type,
        data: {
          policy: eligibility,
          thresholds: { ogrsAlone: 75, ogrsWithRobberyOrBurglary: 50, ovpMinimum: 30 },
          inputs: { ogrs2y: 70, ovp2y: 35, robberyOrBurglaryInLast2Years: true },
          eligible: random() < 0.5,
          ogrsRoute: null,
          ovpMet: true,
          source: 're-assessment',
          occurredAt,
        },
      };
    case 'iom-case-adopted':
      return { type, data: { reason: `Synthetic ${type}`, eligibilityPolicy: eligibility, occurredAt } };
    case 'iom-discretionary-adoption':
      return {
        type,
        data: {
          ...categorisedSometimes(IOM_DISCRETION_CATEGORIES, occurredAt),
          reason: `Synthetic ${type}`,
          eligibilityPolicy: eligibility,
          occurredAt,
        },
      };
    case 'iom-case-rejected':
      return {
        type,
        data: {
          ...categorisedSometimes(IOM_REJECTION_CATEGORIES, occurredAt),
          reason: 'Synthetic rejection',
          eligibleWhenRejected: false,
          occurredAt,
        },
      };
    case 'iom-pathways-updated':
      return { type, data: { pathways: IOM_PATHWAYS.filter(() => random() < 0.3), occurredAt } };
    case 'iom-cohort-expiry-flagged':
      return {
        type,
        data: { month: pick(random, EXPIRY_MONTHS), reason: pick(random, IOM_COHORT_EXPIRY_REASONS), occurredAt },
      };
    case 'iom-listed-in-upload':
      return { type, data: { month: pick(random, EXPIRY_MONTHS), held: 'scores-unreadable', occurredAt } };
    case 'iom-unlocated-recorded':
    case 'iom-located-recorded':
      return { type, data: { occurredAt } };
    case 'alliance-engagement-recorded':
      return {
        type,
        data: {
          engagementId: pick(random, ENGAGEMENTS),
          custodySuite: 'Synthetic Suite',
          ageAtEngagement: 15,
          residenceBorough: 'Haringey',
          knownToYos: null,
          occurredAt,
          followUpDueAt: at(random),
        },
      };
    case 'alliance-engagement-outcome-recorded':
      return {
        type,
        data: {
          engagementId: pick(random, ENGAGEMENTS),
          outcome: pick(random, ALLIANCE_OUTCOMES),
          previousOutcome: null,
          followUpDueAt: null,
          occurredAt,
        },
      };
    case 'alliance-custody-release-recorded':
      return { type, data: { engagementId: pick(random, ENGAGEMENTS), occurredAt, followUpDueAt: at(random) } };
    case 'alliance-known-to-yos-recorded':
      return {
        type,
        data: {
          engagementId: pick(random, ENGAGEMENTS),
          knownToYos: pick(random, [true, false, null]),
          previous: null,
          reason: 'Synthetic check',
          occurredAt,
        },
      };
    case 'alliance-residence-recorded':
      return {
        type,
        data: {
          engagementId: pick(random, ENGAGEMENTS),
          residenceBorough: pick(random, ['Haringey', 'Barnet', 'LB Enfield']),
          previous: 'Haringey',
          reason: 'Synthetic correction',
          occurredAt,
        },
      };
    case 'alliance-follow-up-completed':
      return { type, data: { engagementId: pick(random, ENGAGEMENTS), occurredAt } };
  }
}

function personEvent(random: Random, personId: string): PersonEvent {
  const occurredAt = at(random);
  const forenames = pick(random, FORENAMES);
  const surname = pick(random, SURNAMES);
  if (random() < 0.3) {
    const details = { forenames, surname, aliases: [], identifiers: {} };
    return { type: 'person-registered', data: { personId, details, occurredAt } };
  }
  const changes = pick(random, [{ forenames }, { surname }, { forenames, surname }, { postcode: 'N1 1AA' }]);
  return { type: 'person-details-recorded', data: { changes, occurredAt } };
}

/**
 * A meeting's events, undecided: held or cancelled more than once, or both, in either order.
 * `listed` is what meeting streams held before they were settled (a case's event standing for
 * anything else there, which the cohort ignores); it is drawn first, from the log's own random
 * numbers, and `settle` (numbers of its own) decides what to write instead, so that the case and
 * person histories stay exactly those the specs' coverage assertions were written against.
 * Held, it names some of the cases listed on it so far (others are listed on it only later) and
 * now and then one that is not, as an undecided log may.
 */
function meetingEvent(settle: Random, listed: CaseEvent, onAgenda: readonly string[], cases: readonly string[]) {
  const { occurredAt } = listed.data;
  const roll = settle();
  if (roll < 0.4) {
    const casesDiscussed = onAgenda.filter(() => settle() < 0.5);
    if (settle() < 0.3) casesDiscussed.push(pick(settle, cases));
    return { type: 'meeting-held', data: { attendance: [], casesDiscussed, occurredAt } } satisfies MeetingEvent;
  }
  if (roll < 0.7)
    return { type: 'meeting-cancelled', data: { reason: 'Synthetic', occurredAt } } satisfies MeetingEvent;
  if (roll < 0.85) {
    const data = { caseId: 'none', agencyRequests: [], occurredAt };
    return { type: 'meeting-case-listed', data } satisfies MeetingEvent;
  }
  return listed;
}

/**
 * Whereabouts and Alliance residence corrections come after the types the specs' coverage
 * assertions were written against, drawn from numbers of their own (`extraAfter`), so the
 * histories of every other type stay as they were.
 */
const WHEREABOUTS_TYPES: readonly CaseEventType[] = ['iom-unlocated-recorded', 'iom-located-recorded'];
const RESIDENCE_TYPE = 'alliance-residence-recorded' satisfies CaseEventType;
const DRAWN_TYPES = CASE_EVENT_TYPES.filter((type) => !WHEREABOUTS_TYPES.includes(type) && type !== RESIDENCE_TYPE);

/**
 * Events a case on each panel gets often besides any other: its panel's own, so that their rarer
 * sequences turn up (an engagement recorded again after its outcome, a second MARAC referral).
 */
const PANEL_EVENT_TYPES: Readonly<Record<PanelKind, readonly CaseEventType[]>> = {
  generic: ['case-listed', 'panel-discussed', 'action-agreed', 'action-completed'],
  marac: [
    'referral-made',
    'case-listed',
    'panel-discussed',
    'intervention-arranged',
    'intervention-started',
    'intervention-completed',
    'intervention-declined',
  ],
  iom: DRAWN_TYPES.filter((type) => type.startsWith('iom-')),
  alliance: DRAWN_TYPES.filter((type) => type.startsWith('alliance-')),
};

/** A case's next event: mostly its referral first, then anything, often its panel's own. */
function nextCaseEvent(random: Random, caseId: string, referred: Map<string, PanelKind>): CaseEvent {
  const kind = referred.get(caseId);
  const types = kind !== undefined && random() < 0.5 ? PANEL_EVENT_TYPES[kind] : DRAWN_TYPES;
  const type = kind === undefined && random() < 0.9 ? 'referral-made' : pick(random, types);
  const event = caseEvent(random, caseId, type);
  if (event.type === 'referral-made' && kind === undefined) referred.set(caseId, event.data.details.kind);
  return event;
}

/** The case ids listed on each meeting so far, by meeting id, from the case streams. */
type Agendas = Map<string, string[]>;

/** Most appends are to cases; some to people; a few to meetings (held or cancelled, with `settle`). */
function nextAppend(
  random: Random,
  settle: Random | undefined,
  cases: readonly string[],
  referred: Map<string, PanelKind>,
  agendas: Agendas,
) {
  const roll = random();
  if (roll < 0.8) {
    const caseId = pickSkewed(random, cases);
    const next = () => {
      const event = nextCaseEvent(random, caseId, referred);
      if (event.type === 'case-listed')
        agendas.set(event.data.meetingId, [...(agendas.get(event.data.meetingId) ?? []), caseId]);
      return event;
    };
    return { stream: `case-${caseId}`, next };
  }
  if (roll < 0.95) {
    const personId = pickSkewed(random, PEOPLE);
    return { stream: `person-${personId}`, next: () => personEvent(random, personId) };
  }
  const meetingId = pick(random, MEETING_STREAMS);
  return {
    stream: `meeting-${meetingId}`,
    next: () => {
      const listed = caseEvent(random, 'none', 'case-listed');
      return settle === undefined ? listed : meetingEvent(settle, listed, agendas.get(meetingId) ?? [], cases);
    },
  };
}

/**
 * Now and then, after an append to an IOM case, a whereabouts record either way (undecided: a
 * second unlocated, a located with no run open), or none; after one to an Alliance case, a
 * residence correction. Each from numbers of its own, outside `count`.
 */
function extraAfter(own: { iom: Random; alliance: Random }, kind: PanelKind | undefined): EventToAppend | undefined {
  if (kind !== 'iom' && kind !== 'alliance') return undefined;
  const random = own[kind];
  if (random() >= 0.3) return undefined;
  const event = caseEvent(random, 'none', kind === 'iom' ? pick(random, WHEREABOUTS_TYPES) : RESIDENCE_TYPE);
  return { id: randomUUID(), type: event.type, data: event.data, metadata: metadata(at(random)) };
}

function metadata(occurredAt: string): EventMetadata {
  const actor = { id: 'user-1', name: 'Synthetic User', agency: 'test-agency', roles: ['coordinator'] };
  const correlationId = randomUUID();
  return { actor, correlationId, causationId: correlationId, occurredAt, recordedAt: occurredAt, schemaVersion: 1 };
}

/**
 * Appends `count` events, one to three per append, the cases' histories interleaved. With
 * `meetingsSettled`, meetings are held and cancelled too; without, meeting streams hold only
 * events the cohort ignores (what specs whose reference follows only case and person streams need).
 */
export async function appendRandomCaseLog(
  store: EventStore,
  count: number,
  random: Random,
  { cases = 150, meetingsSettled = false }: { cases?: number; meetingsSettled?: boolean } = {},
): Promise<void> {
  const caseIds = ids('case', cases);
  /** The panel kind of each case's first referral, the one `evolveCase` keeps. */
  const referred = new Map<string, PanelKind>();
  const settle = meetingsSettled ? seededRandom(count) : undefined;
  const agendas: Agendas = new Map();
  const own = { iom: seededRandom(count + 1), alliance: seededRandom(count + 2) };
  for (let written = 0; written < count; ) {
    const { stream, next } = nextAppend(random, settle, caseIds, referred, agendas);
    const events: EventToAppend[] = Array.from(
      { length: Math.min(count - written, 1 + Math.floor(random() * 3)) },
      () => {
        const { type, data } = next();
        return { id: randomUUID(), type, data, metadata: metadata(at(random)) };
      },
    );
    await store.append(stream, events, { expected: 'any' });
    written += events.length;
    const caseId = stream.startsWith('case-') ? stream.slice('case-'.length) : undefined;
    const extra = caseId === undefined ? undefined : extraAfter(own, referred.get(caseId));
    if (extra !== undefined) await store.append(stream, [extra], { expected: 'any' });
  }
}
