import type { Principal } from '../../../platform/src/auth/principal';
import type { PersonIdentifiers, PersonName } from '../../../case-lifecycle/src/domain/events/person-events';
import { recordedLast, type VersionBefore } from '../domain/golden-record';
import type { MatchGuard, MatchLevels } from '../domain/matching';
import { IDENTITY_RULES } from '../domain/person-links';
import type { EarlierMatchReviewDecision, MatchReview, MatchReviewDecision } from './match-review.query';
import type {
  IndexedCase,
  IndexedPerson,
  IndexedRecord,
  MaracSensitive,
  NamedOnCase,
  OpenReview,
} from './person-index.query';

/** The panel whose referrals carry a victim's safe contact number and children. */
const MARAC = 'MARAC';
const CASE_WORKERS = ['coordinator', 'practitioner'] as const;

export interface PersonView {
  /**
   * Present when disclosures showed a case worker what their panels alone would not (another
   * panel's protected address or postcode): the view, and its audit entry, name them beside the
   * panels it was served through.
   */
  readonly access?: {
    readonly via: 'panel';
    readonly panels: readonly string[];
    readonly disclosureIds: readonly string[];
  };
  readonly personId: string;
  readonly mergedPersonIds: readonly string[];
  readonly golden: {
    readonly forenames: string;
    readonly surname: string;
    readonly dateOfBirth?: string;
    readonly sex?: string;
    readonly postcode?: string;
    /** Only when the viewer may see where the person lives (see below). */
    readonly address?: string;
    /** MARAC members (and admins) only: the number last recorded, by referral or through her case. */
    readonly safeContactNumber?: string;
  };
  readonly knownNames: readonly PersonName[];
  readonly datesOfBirth: readonly string[];
  /** Every value recorded per identifier: two values of one kind are worth a reviewer's look. */
  readonly identifiers: Readonly<Partial<Record<keyof PersonIdentifiers, readonly string[]>>>;
  readonly panels: readonly string[];
  readonly cases: readonly {
    readonly caseId: string;
    readonly panel: string;
    readonly open: boolean;
    readonly referredAt: string;
    readonly marac?: MaracSensitive;
  }[];
  /** Your panels' cases that name the person without being about them, with the role they are named in. */
  readonly namedOn: readonly NamedOnCase[];
  /**
   * Other panels' involvement: that they know the person, not what they know nor in what role. A
   * MARAC case naming the person as perpetrator counts like one about them: saying which would
   * tell the reader that a MARAC referral names a victim connected to this person.
   */
  readonly alsoKnownTo: readonly { readonly panel: string; readonly cases: number; readonly openCases: number }[];
  readonly records: readonly {
    readonly recordId: string;
    readonly panel: string | null;
    readonly caseId?: string;
    /** No score where the residence level is withheld: the score adds its weight in. */
    readonly link?: { readonly score?: number; readonly levels: unknown };
  }[];
}

const isAdmin = (principal: Principal): boolean => principal.roles.includes('admin');
const seesMaracDetailAs = (principal: Principal): boolean => isAdmin(principal) || principal.panels.includes(MARAC);

/**
 * The panels whose people's whereabouts stay with them (the registry's `protectsResidence`: MARAC,
 * and e.g. a configured MASE). Records are tagged with their source panel's code, so a panel
 * configured to protect later protects what it brought in before too.
 */
export type ResidenceProtectingPanels = ReadonlySet<string>;

/**
 * Whether a record's address and postcode are kept from the reader: their panel protects them and
 * is not the reader's, or no referral claimed the record (no panel). A record no referral claimed
 * was written by one that failed part-way (a 503 after her record was written, a crash) and was
 * never retried: nothing says which panel it was for, and it may be MARAC's refuge address, so it
 * is kept from everyone but admins (no disclosure opens it: no panel sees it to pass it on).
 */
const residenceKeptFrom = (principal: Principal, protecting: ResidenceProtectingPanels) =>
  isAdmin(principal) ? () => false : residenceKeptFromPanels(principal.panels, protecting);
const residenceKeptFromPanels =
  (panels: readonly string[], protecting: ResidenceProtectingPanels) =>
  (panel: string | null): boolean =>
    panel === null || (protecting.has(panel) && !panels.includes(panel));

/**
 * What one disclosure opened to the reader, and the panel it acted for: a case disclosure its
 * case's, a person disclosure the one it names; null for an old entry the register could fit to
 * no single panel.
 */
export interface OpenedByDisclosure {
  /** The register's id: a view that shows what this disclosure opened names it as its basis. */
  readonly disclosureId?: string;
  readonly panel: string | null;
  readonly fields: readonly string[];
  /**
   * For each field, the records its value came from when the disclosure was made: it opens the
   * field from those records only. Absent on an entry that kept none (recorded before they were
   * kept, or while the person index did not know the person).
   */
  readonly recordsBehind?: Readonly<Partial<Record<string, readonly string[]>>>;
  /**
   * Where the entry was recorded in the log: it opens each record as it stood then, and one that
   * kept no records only while its person is unchanged since.
   */
  readonly position?: number;
  /** When it was made, as the register dates it: what a view says its values are as of (`asDisclosedOn`). */
  readonly occurredAt?: string;
  /**
   * The records it opens as they stood when it was made (`openedOnPerson` sets them): it shows
   * their values then, never one recorded since. Absent: the records as they are now.
   */
  readonly asGiven?: readonly IndexedRecord[];
}
export type Opened = readonly OpenedByDisclosure[];

/** What the person index says of a person's past, for what disclosures made then open now. */
export interface PersonSince {
  /** Whether they may hold other records, or fewer, than at `position` (`PersonIndexQuery.changedSince`). */
  changedSince(position: number): boolean;
  /** The record as it stood at `position`; undefined when the index cannot say (`PersonIndexQuery.asOf`). */
  asOf(record: IndexedRecord, position: number): IndexedRecord | undefined;
}

/**
 * Each record's past (`PersonIndexQuery.asOf`): it tells where each value on a record was
 * recorded, so that a value that changes (address, postcode, sex, safe contact number ...) is
 * the one recorded last, not the one on the record whose details changed last (`recordedLast`).
 */
export type RecordPast = Pick<PersonSince, 'asOf'>;

/** The version of a record just before another, each asked of the index once per view. */
function versionBefore(past: RecordPast): VersionBefore<IndexedRecord> {
  const asked = new Map<string, IndexedRecord | undefined>();
  return (version) => {
    const key = `${version.recordId}@${version.detailsPosition}`;
    if (!asked.has(key)) asked.set(key, past.asOf(version, version.detailsPosition - 1));
    return asked.get(key);
  };
}

type ChangingField = 'sex' | 'ethnicity' | 'postcode' | 'address' | 'disability' | 'language' | 'safeContactNumber';

/** The record whose `field` was recorded last, as each is shown (`recordedLast`). */
const recordedLastOf = (
  records: readonly IndexedRecord[],
  field: ChangingField,
  before: VersionBefore<IndexedRecord>,
): IndexedRecord | undefined =>
  recordedLast(
    records,
    (r) => r.details[field],
    before,
    (r) => r.fieldsRecordedAt?.[field],
  );

/** A record, or only the panel of one when no record is at hand (a panel the person once held). */
type RecordOrPanel = Pick<IndexedRecord, 'sourcePanel'> & { readonly recordId?: string };

/**
 * Whether a disclosure opened `field` on a record. A disclosure passes a field on only as its
 * panel sees it: an IOM coordinator, shown no MARAC refuge address, cannot hand it to another
 * agency by disclosing "address" on her own case. So address and postcode open only on the
 * records whose residence the disclosing panel sees (a panel-less old entry: those kept from no
 * panel); every other person field is seen alike by every panel. One that kept the records behind
 * each field opens it on those records only (`recordsBehind`), never on a bare panel.
 */
const openedOnRecordOf =
  (opened: Opened, protecting: ResidenceProtectingPanels) =>
  (field: string, record: RecordOrPanel): boolean =>
    opened.some(
      (disclosure) =>
        disclosure.fields.includes(field) &&
        (disclosure.recordsBehind === undefined ||
          (record.recordId !== undefined && (disclosure.recordsBehind[field] ?? []).includes(record.recordId))) &&
        (!RESIDENCE_FIELDS.has(field) ||
          !residenceKeptFromPanels(
            disclosure.panel === null ? [] : [disclosure.panel],
            protecting,
          )(record.sourcePanel)),
    );
const RESIDENCE_FIELDS: ReadonlySet<string> = new Set(['address', 'postcode']);
const openedFields = (opened: Opened): ReadonlySet<string> =>
  new Set(opened.flatMap((disclosure) => disclosure.fields));

const isCaseWorker = (principal: Principal): boolean =>
  principal.roles.some((role) => (CASE_WORKERS as readonly string[]).includes(role));

const onReadersPanels = (principal: Principal) => (c: { readonly panel: string }) => principal.panels.includes(c.panel);

/**
 * Coordinators and practitioners see a person through a case on one of their panels, about them
 * or naming them (a MARAC coordinator must be able to open the perpetrator their case names).
 */
export function mayViewPerson(principal: Principal, person: IndexedPerson): boolean {
  if (isAdmin(principal)) return true;
  const ours = onReadersPanels(principal);
  return isCaseWorker(principal) && (person.cases.some(ours) || person.namedOn.some(ours));
}

/**
 * A reader who sees the person only because their case names him sees what their panels hold of
 * him: the records their referrals brought in. Another panel's records would give away where he
 * lives or which identifiers probation holds, though nothing of that panel's is the reader's.
 */
function recordsShownTo(principal: Principal, person: IndexedPerson): readonly IndexedRecord[] {
  if (isAdmin(principal)) return person.records;
  return recordsShownToPanels(principal.panels, person);
}
function recordsShownToPanels(panels: readonly string[], person: IndexedPerson): readonly IndexedRecord[] {
  if (person.cases.some((c) => panels.includes(c.panel))) return person.records;
  return person.records.filter((r) => r.sourcePanel !== null && panels.includes(r.sourcePanel));
}

/**
 * What each disclosure opens of this person now, leaving out those that open nothing (no reason
 * to answer for the person at all). Each opens fields only as its panel sees the person, and
 * each record as it stood when the disclosure was made (`asGiven`): details recorded since (her
 * move to a refuge, recorded through her case on the very record whose address it gave out) were
 * never given to its recipient. Where the index cannot say how a record stood then (an older
 * version answers while this one is rebuilt), it opens nothing of that record.
 *
 * One that kept the records behind each field opens a field only from those of them this person
 * holds now and its panel sees (address and postcode: whose residence it sees): after a split,
 * or an undone merge, each person it gave details of is shown those details, and nothing from a
 * record it did not cover (the first woman's refuge, once the sister whose address it gave out is
 * split off; the victim's refuge, once the offender whose address a case share gave out is
 * unmerged). Its panel must see the records now, as when it was made.
 *
 * One that kept none opens as before (every record its panel sees) only while its person is as
 * it found them (`changedSince` its position false): once they hold records it may not have
 * covered, or lost some it did, which record it gave out cannot be told, so it opens nothing
 * rather than guess. One whose panel sees none of their records opens nothing either: made about
 * a person alone while a wrong merge joined them to someone its panel knew, and its id left with
 * the other by the undoing split.
 */
export function openedOnPerson(
  person: IndexedPerson,
  opened: Opened,
  protecting: ResidenceProtectingPanels,
  since: PersonSince,
): Opened {
  return opened.flatMap((disclosure): OpenedByDisclosure[] => {
    const { position } = disclosure;
    if (position === undefined) return [];
    const seen = disclosure.panel === null ? person.records : recordsShownToPanels([disclosure.panel], person);
    if (disclosure.recordsBehind === undefined) {
      if (seen.length === 0 || since.changedSince(position)) return [];
      const asGiven = seen.flatMap((record) => since.asOf(record, position) ?? []);
      return asGiven.length < seen.length ? [] : [{ ...disclosure, asGiven }];
    }
    const keptFrom = residenceKeptFromPanels(disclosure.panel === null ? [] : [disclosure.panel], protecting);
    const given = new Map<IndexedRecord, IndexedRecord | undefined>();
    const then = (record: IndexedRecord): IndexedRecord | undefined => {
      if (!given.has(record)) given.set(record, since.asOf(record, position));
      return given.get(record);
    };
    const recordsBehind: Record<string, string[]> = {};
    for (const field of disclosure.fields) {
      const behind = new Set(disclosure.recordsBehind[field] ?? []);
      const held = seen.filter(
        (r) =>
          behind.has(r.recordId) && !(RESIDENCE_FIELDS.has(field) && keptFrom(r.sourcePanel)) && then(r) !== undefined,
      );
      if (held.length > 0) recordsBehind[field] = held.map((r) => r.recordId);
    }
    const fields = disclosure.fields.filter((field) => recordsBehind[field] !== undefined);
    const asGiven = seen.flatMap((record) => (given.has(record) ? (given.get(record) ?? []) : []));
    return fields.length === 0 ? [] : [{ ...disclosure, fields, recordsBehind, asGiven }];
  });
}

/**
 * The records `disclosure` opens `field` from, as it gave them out (`asGiven`; as they are now
 * when it carries none): of those its panel sees, every one for an entry that kept no records,
 * those behind the field for one that did; an address or postcode only where its panel sees the
 * residence (`openedOnRecordOf`).
 */
function givenOn(
  person: IndexedPerson,
  disclosure: OpenedByDisclosure,
  field: string,
  protecting: ResidenceProtectingPanels,
): readonly IndexedRecord[] {
  const seen = disclosure.panel === null ? person.records : recordsShownToPanels([disclosure.panel], person);
  const opens = openedOnRecordOf([disclosure], protecting);
  const speaksFor = seen.filter((r) => opens(field, r));
  if (disclosure.asGiven === undefined) return speaksFor;
  const given = new Map(disclosure.asGiven.map((r) => [r.recordId, r]));
  return speaksFor.flatMap((r) => given.get(r.recordId) ?? []);
}

/**
 * The person's records that the disclosures opening `field` gave out, in the person's order, each
 * as the latest of them gave it: a record given out again after a change shows the newer value,
 * since the recipient was told it then. Nothing of a record none of them gave, nor a value only a
 * disclosure that may not open the field on it gave (another panel's residence).
 */
function recordsAsGiven(
  person: IndexedPerson,
  opened: Opened,
  field: string,
  protecting: ResidenceProtectingPanels,
): IndexedRecord[] {
  const newest = new Map<string, IndexedRecord>();
  for (const disclosure of opened) {
    for (const record of givenOn(person, disclosure, field, protecting)) {
      const kept = newest.get(record.recordId);
      if (kept === undefined || record.detailsPosition > kept.detailsPosition) newest.set(record.recordId, record);
    }
  }
  return person.records.flatMap((record) => newest.get(record.recordId) ?? []);
}

/**
 * For each field the disclosures open on the person, when the latest of them that gives it was
 * made: what its value is "as disclosed on". Given whether or not the value has changed since,
 * so that it never tells the recipient that it has (that she moved).
 */
export function disclosedOn(
  person: IndexedPerson,
  opened: Opened,
  fields: Iterable<string>,
  protecting: ResidenceProtectingPanels,
): Record<string, string> {
  const dates: Record<string, string> = {};
  for (const field of fields) {
    const latest = opened
      .filter((d) => d.occurredAt !== undefined && givenOn(person, d, field, protecting).length > 0)
      .sort((a, b) => (b.position ?? 0) - (a.position ?? 0))[0];
    if (latest?.occurredAt !== undefined) dates[field] = latest.occurredAt;
  }
  return dates;
}

/**
 * THE place that decides which of a person's fields a caller sees. Names, date of birth and
 * identifiers are what cross-panel working needs, so every panel sees them; another panel's cases
 * show only as a marker (panel and counts). An address and postcode brought in by a panel that
 * protects residence (MARAC, a configured MASE ...) are for that panel's members only, and on a
 * record no referral claimed for admins only; a victim's
 * safe contact and children, from a MARAC referral, for MARAC members (admins see everything). Disclosures
 * recorded under an information-sharing agreement are to open fields here and nowhere else, each
 * only as the panel it acted for sees them.
 * Returns undefined when the caller may not see the person at all (answer 404).
 */
export function visiblePersonView(
  principal: Principal,
  person: IndexedPerson,
  protecting: ResidenceProtectingPanels,
  past: RecordPast,
  opened: Opened = NOTHING_OPENED,
): PersonView | undefined {
  if (!mayViewPerson(principal, person)) return undefined;
  const records = recordsShownTo(principal, person);
  const admin = isAdmin(principal);
  const seesPanel = (panel: string | null): boolean => admin || (panel !== null && principal.panels.includes(panel));
  const seesMaracDetail = seesMaracDetailAs(principal);
  // A MARAC victim's postcode locates them almost as well as the address: both stay with the
  // members of the panel that brought them in unless a disclosure to the reader's agency, made
  // for that panel, opened that very field; and then as the disclosure gave it, never as recorded since.
  const keptFrom = residenceKeptFrom(principal, protecting);
  const residenceOf = (field: 'address' | 'postcode') => {
    const given = new Map(recordsAsGiven(person, opened, field, protecting).map((r) => [r.recordId, r]));
    return (r: IndexedRecord): IndexedRecord | undefined => (keptFrom(r.sourcePanel) ? given.get(r.recordId) : r);
  };

  const residenceWithheld = withholdsResidence(principal, person, protecting, () => opened);
  const visibleCases = person.cases.filter((c) => seesPanel(c.panel));
  const hiddenCases = [...person.cases, ...person.namedOn].filter((c) => !seesPanel(c.panel));
  const widenedBy = disclosuresShowingResidence(
    opened,
    protecting,
    records.filter((r) => keptFrom(r.sourcePanel)),
  );
  return {
    ...(widenedBy.length === 0
      ? {}
      : {
          access: {
            via: 'panel' as const,
            panels: [...new Set([...person.cases, ...person.namedOn].map((c) => c.panel))]
              .filter((panel) => principal.panels.includes(panel))
              .sort(),
            disclosureIds: widenedBy,
          },
        }),
    personId: person.personId,
    mergedPersonIds: person.mergedPersonIds,
    golden: goldenRecord(
      records,
      versionBefore(past),
      residenceOf('address'),
      residenceOf('postcode'),
      seesMaracDetail,
    ),
    knownNames: knownNames(records),
    datesOfBirth: distinct(records.map((r) => r.details.dateOfBirth)),
    identifiers: identifiers(records),
    panels: [...new Set([...person.cases, ...person.namedOn].map((c) => c.panel))].sort(),
    cases: visibleCases.map((c) => caseView(c, seesMaracDetail)),
    namedOn: person.namedOn.filter((c) => seesPanel(c.panel)),
    alsoKnownTo: markers(hiddenCases),
    records: records.map((record) => ({
      recordId: record.recordId,
      panel: record.sourcePanel,
      ...(record.sourceCaseId !== null && seesPanel(record.sourcePanel) ? { caseId: record.sourceCaseId } : {}),
      ...(record.score === null
        ? {}
        : {
            // The model names no one and says nothing of where anyone lives: shown whenever the link is.
            link: {
              ...(residenceWithheld
                ? { levels: withoutResidence(record.levels) }
                : { score: record.score, levels: record.levels }),
              ...(record.model === undefined ? {} : { model: record.model }),
            },
          }),
    })),
  };
}

const NOTHING_OPENED: Opened = [];

/** The disclosures that opened an address or postcode on one of `kept` (records whose residence is kept from the reader). */
function disclosuresShowingResidence(
  opened: Opened,
  protecting: ResidenceProtectingPanels,
  kept: readonly IndexedRecord[],
): string[] {
  const ids = opened
    .filter((disclosure) => {
      const opens = openedOnRecordOf([disclosure], protecting);
      return kept.some((record) => opens('address', record) || opens('postcode', record));
    })
    .flatMap((disclosure) => (disclosure.disclosureId === undefined ? [] : [disclosure.disclosureId]));
  return [...new Set(ids)].sort();
}

/**
 * How a record's address compared with another says where a MARAC victim lives as surely as the
 * address does, once the reader sees the other side of the comparison: it stays with those who
 * may see the address (members of every protecting panel the person was ever brought in by,
 * admins, or disclosures of address and postcode on this person made for each such panel).
 * Levels are measured once, when the link or proposal is made, so a person who has ever held such
 * a record counts even after a split took it away: the levels still say where that record's
 * person lives. `opened` is asked only when it matters.
 */
export function withholdsResidence(
  principal: Principal,
  person: IndexedPerson,
  protecting: ResidenceProtectingPanels,
  opened: () => Opened,
): boolean {
  const heldBy = [...person.panelsEverHeld, ...person.records.map((r) => r.sourcePanel)];
  const kept = heldBy.filter(residenceKeptFrom(principal, protecting));
  if (kept.length === 0) return false;
  const disclosed = openedOnRecordOf(opened(), protecting);
  // A panel's residence is open when a disclosure opened it on a record of that panel the person
  // holds, or (one that kept no records) on the panel: one that did never opens a panel they no longer hold.
  const opensOn = (field: string, panel: string | null) =>
    [{ sourcePanel: panel }, ...person.records.filter((r) => r.sourcePanel === panel)].some((record) =>
      disclosed(field, record),
    );
  return !kept.every((panel) => opensOn('address', panel) && opensOn('postcode', panel));
}

/** These fire only when the two records share an address or postcode, so they say as much. */
const HOUSEHOLD_GUARDS: ReadonlySet<string> = new Set<MatchGuard>(['twins', 'different-generation']);

export type ReviewView = Omit<OpenReview, 'levels' | 'score'> & {
  readonly score?: number;
  readonly levels: Partial<MatchLevels>;
};

/** A reason, or in its place that it was withheld. */
type Reasoned<T extends { readonly reason: string }> = Omit<T, 'reason'> & {
  readonly reason?: string;
  readonly reasonWithheld?: true;
};

type DecisionView<T extends MatchReviewDecision> = Reasoned<Omit<T, 'undoneBy'>> & {
  readonly undoneBy?: Reasoned<NonNullable<MatchReviewDecision['undoneBy']>>;
};

/**
 * One review, open or decided; every reason on it (decisions, earlier ones, the splits that undid
 * them and the reopenings that took them back) goes where the residence level goes.
 */
export type MatchReviewView = ReviewView &
  Pick<MatchReview, 'status' | 'notInQueue'> & {
    readonly decision?: DecisionView<MatchReviewDecision>;
    readonly earlierDecisions?: readonly (Omit<DecisionView<EarlierMatchReviewDecision>, 'reopened'> & {
      readonly reopened: Reasoned<EarlierMatchReviewDecision['reopened']>;
    })[];
  };

/** Whether the residence comparison of a review of these two people is withheld from the reader. */
const residenceWithheldFrom = (
  principal: Principal,
  people: readonly IndexedPerson[],
  protecting: ResidenceProtectingPanels,
  openedOn: (person: IndexedPerson) => Opened,
): boolean => people.some((person) => withholdsResidence(principal, person, protecting, () => openedOn(person)));

/**
 * A match proposal as the reader may see it (both people visible to them): the residence level,
 * the household guards and the score (which adds the residence weight in) are withheld when
 * either person's may not be shown to the reader.
 */
export function visibleReview(
  principal: Principal,
  review: OpenReview,
  people: readonly IndexedPerson[],
  protecting: ResidenceProtectingPanels,
  openedOn: (person: IndexedPerson) => Opened,
): ReviewView {
  return residenceWithheldFrom(principal, people, protecting, openedOn) ? reviewWithoutResidence(review) : review;
}

/**
 * Whether the reader may learn that a case on `panel` names one person as another's perpetrator:
 * only one who sees that case (a member of its panel, or an admin). Anyone else can see the two
 * people only through other panels' cases, where MARAC shows as a marker that never says in what
 * role (`alsoKnownTo`): naming the rule would tell an offender manager that their nominal is named
 * as a victim's abuser, and which of the two is his victim.
 */
export function seesPerpetratorNaming(principal: Principal, panel: string): boolean {
  return isAdmin(principal) || principal.panels.includes(panel);
}

/** `notInQueue` as the reader may see it: a case naming a perpetrator they may not see is not named. */
function notInQueueSeenBy(
  principal: Principal,
  notInQueue: MatchReview['notInQueue'],
  people: readonly IndexedPerson[],
): Pick<MatchReview, 'notInQueue'> {
  if (notInQueue === undefined) return {};
  if (notInQueue.rule !== IDENTITY_RULES.maracVictimAndPerpetrator) return { notInQueue };
  const naming = people
    .flatMap((person) => [...person.cases, ...person.namedOn])
    .find((c) => c.caseId === notInQueue.caseId);
  return naming !== undefined && seesPerpetratorNaming(principal, naming.panel)
    ? { notInQueue }
    : { notInQueue: { rule: IDENTITY_RULES.keptApartByAnotherPanel } };
}

/**
 * One review as the reader may see it, withheld as the queue withholds it (`visibleReview`). So
 * is the reason of a decision: reviewers write it free-hand having seen both records, and it may
 * say where the victim lives as plainly as the residence level does. A MARAC case keeping the two
 * apart is named only to those who see it (`seesPerpetratorNaming`).
 */
export function visibleMatchReview(
  principal: Principal,
  asFolded: MatchReview,
  people: readonly IndexedPerson[],
  protecting: ResidenceProtectingPanels,
  openedOn: (person: IndexedPerson) => Opened,
): MatchReviewView {
  const { notInQueue, ...rest } = asFolded;
  const review: MatchReview = { ...rest, ...notInQueueSeenBy(principal, notInQueue, people) };
  if (!residenceWithheldFrom(principal, people, protecting, openedOn)) return review;
  const { id, personIds, score, levels, guards, decision, earlierDecisions, ...decided } = review;
  return {
    ...reviewWithoutResidence({ id, personIds, score, levels, guards }),
    ...decided,
    ...(decision === undefined ? {} : { decision: decisionWithoutReasons(decision) }),
    ...(earlierDecisions === undefined
      ? {}
      : {
          earlierDecisions: earlierDecisions.map(({ reopened, ...earlier }) => ({
            ...decisionWithoutReasons(earlier),
            reopened: withoutReason(reopened),
          })),
        }),
  };
}

function withoutReason<T extends { readonly reason: string }>({ reason: _withheld, ...rest }: T): Reasoned<T> {
  return { ...rest, reasonWithheld: true };
}

function decisionWithoutReasons<T extends MatchReviewDecision>({ undoneBy, ...decision }: T): DecisionView<T> {
  return { ...withoutReason(decision), ...(undoneBy === undefined ? {} : { undoneBy: withoutReason(undoneBy) }) };
}

function reviewWithoutResidence(review: OpenReview): ReviewView {
  const { score: _withheld, ...rest } = review;
  return {
    ...rest,
    levels: withoutResidence(review.levels),
    guards: review.guards.filter((guard) => !HOUSEHOLD_GUARDS.has(guard)),
  };
}

function withoutResidence(levels: MatchLevels): Partial<MatchLevels>;
function withoutResidence(levels: MatchLevels | null): Partial<MatchLevels> | null;
function withoutResidence(levels: MatchLevels | null): Partial<MatchLevels> | null {
  if (levels === null) return null;
  const { residence: _withheld, ...rest } = levels;
  return rest;
}

/**
 * A reader with no case of the person on their panels, to whose agency (or to whom) fields of
 * the person were disclosed: exactly those fields, nothing about cases or panels. `opened` holds
 * information-sharing's field names (name, aliases, dateOfBirth, sex, ethnicity, postcode,
 * address, disability, language, identifiers), each with the panel its disclosure acted for:
 * address and postcode come only from records that panel sees the residence of. Undefined when
 * nothing is open (answer 404).
 * `disclosureIds` are the disclosures that opened them: the view names them as its basis, and the
 * audit trail records them, so an auditor can trace the agreement and lawful basis it relied on
 * (left out when the caller has none to give).
 */
export function disclosedPersonView(
  person: IndexedPerson,
  opened: Opened,
  protecting: ResidenceProtectingPanels,
  past: RecordPast,
  disclosureIds: readonly string[] = [],
):
  | ({
      readonly personId: string;
      readonly access: { readonly via: 'disclosure'; readonly disclosureIds?: readonly string[] };
    } & Record<string, unknown>)
  | undefined {
  const fields = openedFields(opened);
  if (fields.size === 0) return undefined;
  // Each field from the records a disclosure that opened it could see: a panel that knows the
  // person only as the man its case names sees its own records of him, so it cannot pass on the
  // identifiers or names probation holds. A panel-less old entry speaks for every record, as before.
  // One that kept the records behind each field speaks for those records only. Each record as the
  // disclosure gave it out (`recordsAsGiven`), an address or postcode only as its panel sees it.
  const recordsFor = (field: string): readonly IndexedRecord[] => recordsAsGiven(person, opened, field, protecting);
  const asShown = (r: IndexedRecord) => r;
  const before = versionBefore(past);
  const goldenOf = (field: string) => goldenRecord(recordsFor(field), before, asShown, asShown);
  const latest = (field: 'ethnicity' | 'disability' | 'language') =>
    recordedLastOf(recordsFor(field), field, before)?.details[field];
  const shown: Record<string, unknown> = {};
  if (fields.has('name') && recordsFor('name').length > 0) {
    const golden = goldenOf('name');
    Object.assign(shown, { forenames: golden.forenames, surname: golden.surname });
  }
  if (fields.has('aliases')) shown.knownNames = knownNames(recordsFor('aliases'));
  for (const field of ['dateOfBirth', 'sex', 'postcode', 'address'] as const) {
    const value = fields.has(field) ? goldenOf(field)[field] : undefined;
    if (value !== undefined) shown[field] = value;
  }
  for (const field of ['ethnicity', 'disability', 'language'] as const)
    if (fields.has(field) && latest(field) !== undefined) shown[field] = latest(field);
  if (fields.has('identifiers')) shown.identifiers = identifiers(recordsFor('identifiers'));
  const asDisclosedOn = disclosedOn(
    person,
    opened,
    [...fields].filter(
      (field) => shown[field === 'name' ? 'forenames' : field === 'aliases' ? 'knownNames' : field] !== undefined,
    ),
    protecting,
  );
  return {
    personId: person.personId,
    ...shown,
    ...(Object.keys(asDisclosedOn).length === 0 ? {} : { asDisclosedOn }),
    access: {
      via: 'disclosure',
      ...(disclosureIds.length === 0 ? {} : { disclosureIds: [...new Set(disclosureIds)] }),
    },
  };
}

/** What one disclosure about a person alone passes on: information-sharing's person field names, and documents. */
export interface DisclosedAboutPerson {
  readonly fields: readonly string[];
  readonly documents: readonly unknown[];
}

/**
 * The records whose details a disclosure about this person alone, made now for `panel`, passes
 * on (every field's, `recordsBehindFields`). After a wrong merge is undone, or records are split
 * off, these say whose details the recipient was given: the register lists the entry under
 * whoever holds them then. Documents speak of the whole person: every record the panel sees.
 */
export function recordsBehindDisclosure(
  person: IndexedPerson,
  panel: string,
  disclosed: DisclosedAboutPerson,
  protecting: ResidenceProtectingPanels,
  past: RecordPast,
): string[] {
  const records = recordsShownToPanels([panel], person);
  if (disclosed.documents.length > 0) return records.map((r) => r.recordId);
  const behind = new Set(Object.values(recordsBehindFields(person, panel, disclosed.fields, protecting, past)).flat());
  return records.filter((r) => behind.has(r.recordId)).map((r) => r.recordId);
}

/**
 * For each person field a disclosure made now for `panel` passes on, the records its value comes
 * from as `disclosedPersonView` picks it for the disclosure's reader (the first record's name,
 * the records giving the most common date of birth, the address recorded last the panel sees ...). The
 * disclosure opens each field from these records only, wherever a split takes them: its
 * recipient is never shown a value from a record it was not given (a refuge address once a
 * sister's record is split off). A field no record gives a value for (or no person field) has none;
 * identifiers have, besides the records holding one, those one was removed from (they give out none).
 */
export function recordsBehindFields(
  person: IndexedPerson,
  panel: string,
  fields: readonly string[],
  protecting: ResidenceProtectingPanels,
  past: RecordPast,
): Record<string, string[]> {
  const records = recordsShownToPanels([panel], person);
  const keptFrom = residenceKeptFromPanels([panel], protecting);
  const residenceSeen = records.filter((r) => !keptFrom(r.sourcePanel));
  const before = versionBefore(past);
  const behind = (field: string): readonly (IndexedRecord | undefined)[] => {
    if (field === 'name') return [records[0]];
    if (field === 'aliases') return recordsNaming(records);
    if (field === 'dateOfBirth') {
      const dateOfBirth = mostCommon(records.map((r) => r.details.dateOfBirth));
      return records.filter((r) => dateOfBirth !== undefined && r.details.dateOfBirth === dateOfBirth);
    }
    if (field === 'address' || field === 'postcode') return [recordedLastOf(residenceSeen, field, before)];
    if (field === 'sex' || field === 'ethnicity' || field === 'disability' || field === 'language')
      return [recordedLastOf(records, field, before)];
    if (field === 'identifiers') return records.filter((r) => holdsIdentifier(r) || lostIdentifier(r));
    return [];
  };
  const byField: Record<string, string[]> = {};
  for (const field of new Set(fields)) {
    const from = new Set(behind(field));
    byField[field] = records.filter((r) => from.has(r)).map((r) => r.recordId);
  }
  return byField;
}

const holdsIdentifier = (record: IndexedRecord): boolean =>
  Object.keys(record.details.identifiers).some((kind) => holdsKind(record, kind));

/**
 * Whether a kind once recorded on the record is no longer held: removed as recorded in error. A
 * share made since gives out that it holds none, so its recipient stops being shown the value an
 * earlier share gave out as hers (her sister's PNC ID).
 */
const lostIdentifier = (record: IndexedRecord): boolean =>
  Object.keys(record.fieldsRecordedAt ?? {}).some((field) => {
    const [name, kind] = field.split('.');
    return name === 'identifiers' && kind !== undefined && !holdsKind(record, kind);
  });

const holdsKind = (record: IndexedRecord, kind: string): boolean => {
  const value = (record.details.identifiers as Record<string, string | undefined>)[kind];
  return value !== undefined && value !== '';
};

/** The records that give `knownNames` a name no record before them gave. */
function recordsNaming(records: readonly IndexedRecord[]): IndexedRecord[] {
  const seen = new Set<string>();
  return records.filter((record) => {
    const keys = [record.details, ...record.details.aliases].map(
      (name) => `${name.forenames.toLowerCase()}|${name.surname.toLowerCase()}`,
    );
    const adds = keys.some((key) => !seen.has(key));
    for (const key of keys) seen.add(key);
    return adds;
  });
}

/**
 * The person as a member of `panel` sees them, in the shape of one record's details: what a
 * disclosure of that panel's case may pass on. Never the person's raw registration: whoever
 * registered her first (MARAC, from a refuge) would then speak for every panel's case. Names and
 * what every panel sees come from the records the panel is shown; address and postcode only from
 * records whose residence that panel sees; the one recorded last of each wins, as in the golden record.
 */
export function detailsAsPanelSees(
  person: IndexedPerson,
  panel: string,
  protecting: ResidenceProtectingPanels,
  past: RecordPast,
): Record<string, unknown> {
  const records = recordsShownToPanels([panel], person);
  if (records.length === 0) return {};
  const keptFrom = residenceKeptFromPanels([panel], protecting);
  const residenceSeen = (r: IndexedRecord): IndexedRecord | undefined => (keptFrom(r.sourcePanel) ? undefined : r);
  const before = versionBefore(past);
  const golden = goldenRecord(records, before, residenceSeen, residenceSeen);
  const shown: Record<string, unknown> = { ...golden };
  for (const field of ['ethnicity', 'disability', 'language'] as const) {
    const value = recordedLastOf(records, field, before)?.details[field];
    if (value !== undefined) shown[field] = value;
  }
  const ownName = `${golden.forenames.toLowerCase()}|${golden.surname.toLowerCase()}`;
  shown.aliases = knownNames(records).filter(
    (name) => `${name.forenames.toLowerCase()}|${name.surname.toLowerCase()}` !== ownName,
  );
  const latestIdentifiers: Partial<Record<keyof PersonIdentifiers, string>> = {};
  const kinds = new Set(records.flatMap((r) => Object.keys(r.details.identifiers) as (keyof PersonIdentifiers)[]));
  for (const kind of kinds) {
    const identifierOf = (r: IndexedRecord) => nonEmpty(r.details.identifiers[kind]);
    const from = recordedLast(records, identifierOf, before, (r) => r.fieldsRecordedAt?.[`identifiers.${kind}`]);
    if (from !== undefined) latestIdentifiers[kind] = from.details.identifiers[kind];
  }
  shown.identifiers = latestIdentifiers;
  return shown;
}

/**
 * The person as disclosures of a case opened them to its reader, in the shape of one record's
 * details (`detailsAsPanelSees`, as the case's `panel` sees the person): each field only from
 * the records the disclosures that opened it speak for (`openedOnPerson` narrowed them), so the
 * case view never shows a value the person view would not.
 */
export function detailsAsDisclosed(
  person: IndexedPerson,
  panel: string,
  opened: Opened,
  protecting: ResidenceProtectingPanels,
  past: RecordPast,
): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const field of openedFields(opened)) {
    // One that kept no records speaks for every record its panel sees; one that did, for those;
    // each as it gave them out.
    const records = recordsAsGiven(person, opened, field, protecting);
    const details = detailsAsPanelSees({ ...person, records }, panel, protecting, past);
    for (const key of field === 'name' ? ['forenames', 'surname'] : [field])
      if (details[key] !== undefined) shown[key] = details[key];
  }
  return shown;
}

function caseView(c: IndexedCase, seesMaracDetail: boolean): PersonView['cases'][number] {
  return {
    caseId: c.caseId,
    panel: c.panel,
    open: c.open,
    referredAt: c.referredAt,
    ...(c.maracSensitive !== null && seesMaracDetail ? { marac: c.maracSensitive } : {}),
  };
}

function markers(cases: readonly Pick<IndexedCase, 'panel' | 'open'>[]): PersonView['alsoKnownTo'] {
  const byPanel = new Map<string, { cases: number; openCases: number }>();
  for (const c of cases) {
    const counts = byPanel.get(c.panel) ?? { cases: 0, openCases: 0 };
    byPanel.set(c.panel, { cases: counts.cases + 1, openCases: counts.openCases + (c.open ? 1 : 0) });
  }
  return [...byPanel.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([panel, counts]) => ({ panel, ...counts }));
}

const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

/**
 * Names as first recorded (the person's own registration; no endpoint records them again); for what
 * changes (postcode, address, sex, safe contact number) the value recorded last among those the
 * reader may see, by where the value itself was recorded (`recordedLast`): a record whose other
 * details changed since does not make its older value the newer. The most often recorded date of
 * birth for the DOB. A safe contact number exists only on MARAC referrals and a MARAC victim's
 * record, so it goes only to those who see MARAC detail, whatever was disclosed.
 */
function goldenRecord(
  records: readonly IndexedRecord[],
  before: VersionBefore<IndexedRecord>,
  addressOf: (r: IndexedRecord) => IndexedRecord | undefined,
  postcodeOf: (r: IndexedRecord) => IndexedRecord | undefined,
  seesSafeContact = false,
): PersonView['golden'] {
  const first = records[0];
  if (first === undefined) return { forenames: '', surname: '' };
  // `shownAs`: the record as the reader may see the field of it (as a disclosure gave it out), if at all.
  const latest = <K extends 'sex' | 'postcode' | 'address' | 'safeContactNumber'>(
    field: K,
    shownAs: (r: IndexedRecord) => IndexedRecord | undefined = (r) => r,
  ) =>
    recordedLastOf(
      records.flatMap((r) => shownAs(r) ?? []),
      field,
      before,
    )?.details[field];
  const dateOfBirth = mostCommon(records.map((r) => r.details.dateOfBirth));
  const sex = latest('sex');
  const postcode = latest('postcode', postcodeOf);
  const address = latest('address', addressOf);
  const safeContactNumber = seesSafeContact ? latest('safeContactNumber') : undefined;
  return {
    forenames: first.details.forenames,
    surname: first.details.surname,
    ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
    ...(sex === undefined ? {} : { sex }),
    ...(postcode === undefined ? {} : { postcode }),
    ...(address === undefined ? {} : { address }),
    ...(safeContactNumber === undefined ? {} : { safeContactNumber }),
  };
}

function knownNames(records: readonly IndexedRecord[]): PersonName[] {
  const seen = new Map<string, PersonName>();
  for (const record of records) {
    for (const name of [record.details, ...record.details.aliases]) {
      const key = `${name.forenames.toLowerCase()}|${name.surname.toLowerCase()}`;
      if (!seen.has(key)) seen.set(key, { forenames: name.forenames, surname: name.surname });
    }
  }
  return [...seen.values()];
}

function identifiers(records: readonly IndexedRecord[]): PersonView['identifiers'] {
  const result: Partial<Record<keyof PersonIdentifiers, string[]>> = {};
  for (const record of records) {
    for (const [kind, value] of Object.entries(record.details.identifiers) as [keyof PersonIdentifiers, string][]) {
      if (value === undefined || value === '') continue;
      const values = result[kind] ?? [];
      if (!values.includes(value)) values.push(value);
      result[kind] = values;
    }
  }
  return result;
}

function distinct(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}

function mostCommon(values: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}
