import { Inject, Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import { panelRegistryInForce } from '../../../case-lifecycle/src/application/configured-panel-registry';
import { DEFAULT_PANEL_REGISTRY, residenceProtectingPanels } from '../../../case-lifecycle/src/domain/panel-registry';
import { awaitPersonIndex } from '../../../identity/src/application/person-index-currency';
import { PersonIndexQuery } from '../../../identity/src/application/person-index.query';
import type { ReadAuditEntry, ReadAuditRecorder } from '../../../platform/src/audit/read-audit';
import type { Principal } from '../../../platform/src/auth/principal';
import { viewsReach, type ReadModelProgress } from '../../../platform/src/http/read-model-progress';
import { APP_CONFIG, type AppConfig } from '../../../platform/src/config/app-config';
import { READ_MODEL_REBUILDING, ReadModelDatabase } from '../../../read-models/src/read-model-database';
import { PERSON_INDEX } from '../../../identity/src/projections';
import { AUDIT_TRAIL_PROJECTION } from '../projections/audit-trail.projection';
import { notFound } from '../../../command-handling/src/rejections';
import type { RecordedEvent } from '../../../event-store/src/port/event-envelope';
import { EVENT_STORE, type EventStore } from '../../../event-store/src/port/event-store';
import { AuditTrailQuery, type HeldNow, type TrailItem, type TrailPerson } from '../projections/audit-trail.query';
import {
  freeTextToReview,
  MARAC_PANEL_CODE,
  type ManualReviewNote,
  MARAC_KEY_DROPPED,
  redactMarac,
  redactsMaracItself,
  staffNamingMarac,
  withoutMaracKeys,
} from './marac-redaction';
import { perpetratorReferrals, withoutReferralResidence } from './perpetrator-records';
import { type CaseIds, casesNow, type HeldCase, idsInCase } from './subject-access-cases';
import { asTheirs, viewedPerson } from './subject-access-items';
import { ATTENDANCE_TO_REVIEW, isMeeting, meetingAsTheirs, withoutMeetingId } from './subject-access-meetings';
import { disownedIdentifiers, withoutDisownedIdentifiers } from './subject-access-identifiers';
import { heldRecordEvent, recordOf, type RecordsMoved, recordsMoved, streamOfTheirs } from './subject-access-records';
import { asShownInMergedRecord, showedRecord, type SplitOff, splitsOff } from './subject-access-splits';
import {
  byCaseAsTheirs,
  byRecordsAsTheirs,
  recordsBehind,
  splitPartners,
  theirsByRecords,
} from './subject-access-disclosures';
import { MAX_IDS, walkIds } from './returned-ids';
import { panelsReleased } from './subject-access-release';
import { UNCLAIMED_RECORD, withoutUnclaimedResidence } from './unclaimed-records';
import { PROTECTED_WHEREABOUTS, protectedContent, ProtectedWhereabouts } from './subject-access-whereabouts';
import {
  identityEventAbout,
  type NamedPart,
  partsAbout,
  THIRD_PARTY,
  WITHHELD,
  withoutThirdParties,
} from './third-party';

/**
 * What the information-sharing context records about a register entry: the decision (its data names
 * personId/caseId), its revocation (with its reason: the trail files an old one, naming neither,
 * under its entry) and a correction of its panel.
 */
export const DISCLOSURE_ACTIONS = [
  'information-shared',
  'information-withheld',
  'disclosure-revoked',
  'disclosure-panel-corrected',
] as const;
const READ_ACTIONS = ['case-viewed', 'person-viewed', 'search', 'export', 'report-run'];
/** Streams of the identity context that hold one person's records, matches, merges and splits. */
const IDENTITY_STREAMS = ['identity-', 'personmatch-'];
const PERSON_STREAM = 'person-';
const PAGE = 1000;
const NAMED_ONLY =
  'The person is named in this case but it is about someone else: only what the events record about them is ' +
  'given, and a person must review it before release.';
const FREE_TEXT_MAY_REFER_TO_MARAC = 'free text may refer to a MARAC; review before release';
const STAFF_NAME_SAYS_MARAC = 'a member of staff whose id or name says MARAC; review before release';

const heldBy = (event: RecordedEvent) => ({
  position: event.position.toString(),
  type: event.type,
  stream: event.stream,
  revision: Number(event.revision),
  recordedAt: event.metadata.recordedAt,
  occurredAt: event.metadata.occurredAt,
  recordedBy: { id: event.metadata.actor.id, name: event.metadata.actor.name, agency: event.metadata.actor.agency },
});
type HeldEvent = ReturnType<typeof heldBy> & { data: unknown };
/** An event of a case that only names the person: the parts of its data that are about them. */
type NamedEvent = ReturnType<typeof heldBy> & { about: NamedPart[] };

/** A subject access request as the GET route and the `subject-access` job take it. */
export interface SubjectAccessAsked {
  readonly personId: string;
  readonly redactMarac?: 'true' | 'false';
  readonly principal: Principal;
  readonly correlationId?: string;
}

/** What a report waits on and is recorded by, from the caller's module. */
export interface SubjectAccessContext {
  readonly recorder: ReadAuditRecorder;
  readonly progress: ReadModelProgress;
  readonly timeoutMs: number;
}

export interface SubjectAccessReport {
  readonly personId: string;
  /** Every id the person is known by now (ids merged into them included). */
  readonly personIds: readonly string[];
  readonly generatedAt: string;
  readonly maracRedacted: boolean;
  readonly person: { readonly events: readonly HeldEvent[] };
  readonly cases: readonly (
    | { caseId: string; panel: string | null; role: 'subject'; events: HeldEvent[] }
    | {
        caseId: string;
        panel: string | null;
        role: 'named';
        manualReviewRequired: true;
        reason: string;
        events: NamedEvent[];
      }
  )[];
  readonly reads: readonly TrailItem[];
  readonly disclosures: readonly (TrailItem & { data: unknown })[];
  /** Panel meetings that listed, discussed or were called off with one of their cases, each with its event's data. */
  readonly meetings: readonly (TrailItem & { data: unknown })[];
  /**
   * What a person must decide on before the report is released: third-party data withheld (every
   * report) and free text that may refer to a MARAC (redacted reports).
   */
  readonly manualReview: readonly ManualReviewNote[];
}

const namesAny = (data: unknown, ids: ReadonlySet<string>): boolean => {
  let found = false;
  walkIds(data, { caseId: () => undefined, personId: (id) => void (found ||= ids.has(id)) });
  return found;
};

const isDisclosure = (item: TrailItem): boolean => (DISCLOSURE_ACTIONS as readonly string[]).includes(item.action);

const byPosition = (a: TrailItem, b: TrailItem): number => (BigInt(a.position) < BigInt(b.position) ? -1 : 1);

const eventKey = (item: { stream: string; revision: number | bigint }): string => `${item.stream}@${item.revision}`;

const note = (review: ManualReviewNote[], at: string, paths: readonly string[], reason = THIRD_PARTY): void => {
  for (const path of paths) review.push({ path: `${at}${path}`, reason });
};

function ownCaseEvent(
  event: RecordedEvent,
  ids: ReadonlySet<string>,
  at: string,
  review: ManualReviewNote[],
): HeldEvent {
  const { data, paths } = withoutThirdParties(event.data, ids);
  note(review, `${at}.data`, paths);
  return { ...heldBy(event), data };
}

/** A protecting panel's case event without its whereabouts and free text (see `protectedContent`). */
function protectedEvent(event: HeldEvent, at: string, review: ManualReviewNote[]): HeldEvent {
  const { data, paths } = protectedContent(event.data);
  noteProtected(review, `${at}.data`, paths, event.position, 'data');
  return { ...event, data };
}

function namedEvent(event: RecordedEvent, { ids, shown }: CaseIds, at: string, review: ManualReviewNote[]): NamedEvent {
  const about = partsAbout(event.data, ids, '$', shown).map(({ path, fields, withheld }, k) => {
    note(
      review,
      `${at}.about[${k}].fields`,
      withheld.map((key) => `.${key}`),
    );
    return { path, fields };
  });
  return { ...heldBy(event), about };
}

function identityEvent(
  event: RecordedEvent,
  ids: ReadonlySet<string>,
  at: string,
  review: ManualReviewNote[],
): HeldEvent {
  const { data, paths } = identityEventAbout(event, ids);
  // Written after a split, it names only them, but on the stream of the person the record was linked to.
  if (paths.length === 0 && streamOfTheirs(event.stream, ids)) return { ...heldBy(event), data };
  note(review, at, ['.stream', ...paths.map((path) => `.data${path}`)]);
  return { ...heldBy(event), stream: WITHHELD, data };
}

function movedRecordEvent(
  event: RecordedEvent,
  ids: ReadonlySet<string>,
  at: string,
  review: ManualReviewNote[],
): HeldEvent {
  const { data, paths } = heldRecordEvent(event, ids);
  note(review, at, paths);
  return { ...heldBy(event), ...(paths.includes('.stream') ? { stream: WITHHELD } : {}), data };
}

/**
 * Notes what `protectedContent` withheld from the part at `at` (a report path ending in `.data`,
 * or a whole read): the log position of its event and the field in it, for a member of the
 * protecting panel to find and release.
 */
const noteProtected = (
  review: ManualReviewNote[],
  at: string,
  paths: readonly string[],
  position: string,
  inEvent: string,
): void => {
  for (const path of paths)
    review.push({ path: `${at}${path}`, reason: PROTECTED_WHEREABOUTS, position, field: `${inEvent}${path}` });
};

const fixedReasons = (cases: SubjectAccessReport['cases']): string[] =>
  cases.flatMap((c, i) => (c.role === 'named' ? [`$.cases[${i}].reason`] : []));

/**
 * What is held about one person, under every id they are known by: their person and identity
 * records (registrations, links, match reviews, merges, splits), the full history of every case
 * about them, the events about them in cases that only name them (flagged for manual review), and
 * the reads and disclosure decisions whose subject they are.
 */
@Injectable()
export class SubjectAccessService {
  /** Panels whose cases a report redacts as MARAC's: those that protect residence (MARAC, a configured MASE ...). */
  private readonly protecting: ReadonlySet<string>;
  /** Which of the person's records a referral claimed: the person index's word, as the person view takes it. */
  private readonly people: PersonIndexQuery;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly trail: AuditTrailQuery,
    readModels: ReadModelDatabase,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.people = new PersonIndexQuery(readModels);
    const registry = config === undefined ? DEFAULT_PANEL_REGISTRY : panelRegistryInForce(config);
    // Upper-case already: every registry holds its codes to PANEL_CODE.
    this.protecting = residenceProtectingPanels(registry);
  }

  /**
   * Whose cases are redacted: every protecting panel's but those `released` (the panels of the
   * reader who asked, `panelsReleased`: only a panel's members may have its content).
   */
  private redactedPanels(released: ReadonlySet<string>): ReadonlySet<string> {
    return new Set([...this.protecting].filter((code) => !released.has(code)));
  }

  /**
   * Refuses (503) until the person index has processed `head`. The report takes from it the ids a
   * person is known by (merges), the cases they hold now and the records splits moved, and which
   * records no referral claimed: one read while it replays (a reset, a rebuild, a version bump, a
   * fresh file) or lags would miss merged ids and cases, and show a victim's household address
   * on a perpetrator's unclaimed record with nothing for review.
   */
  async whenIndexReaches(head: bigint, progress: ReadModelProgress, timeoutMs: number): Promise<void> {
    if (head < 0n) return;
    // While no version of the index answers, this refuses 503 `read-model-rebuilding`, as every route does.
    await awaitPersonIndex(this.people, progress, head, timeoutMs);
  }

  /**
   * An audit answer must be complete up to now: waits for the trail to reach the log's head (503 if
   * it does not), and for the person index too with `withPersonIndex` (who a person is now, after
   * merges and splits). Only those: another view rebuilt or failing holds the trail up no longer.
   * A trail answered by a previous version during its own version bump is frozen short of the head,
   * so it is refused at once, as a failed one not retried within the wait is.
   */
  async upToDate(progress: ReadModelProgress, timeoutMs: number, withPersonIndex = false): Promise<bigint> {
    const head = await this.store.headPosition();
    if (head < 0n) return head;
    const views = withPersonIndex ? [AUDIT_TRAIL_PROJECTION, PERSON_INDEX] : [AUDIT_TRAIL_PROJECTION];
    const reach = await viewsReach(progress, head, timeoutMs, views);
    if (!reach.reached)
      throw new ServiceUnavailableException(
        reach.refusal ?? {
          message: 'The audit trail is catching up with the log; retry shortly',
          rule: 'read-your-writes-timeout',
        },
      );
    if (!this.trail.isCurrent())
      throw new ServiceUnavailableException({
        message: 'The audit trail is being rebuilt in a new version; retry shortly',
        rule: READ_MODEL_REBUILDING,
      });
    return head;
  }

  /**
   * The report up to the log's head, recorded as an `export` of the person and the cases it gave
   * out: the GET route's answer and the `subject-access` job's file are this one report and entry.
   */
  async recordedReport(asked: SubjectAccessAsked, context: SubjectAccessContext): Promise<SubjectAccessReport> {
    const { report, exportEntry } = await this.preparedReport(asked, context);
    await context.recorder.record(exportEntry);
    return report;
  }

  /**
   * The report and the `export` entry that records handing it over, not yet recorded: a job
   * records it only once nothing can stop its files being kept, so a cancelled one exported nothing.
   */
  async preparedReport(
    { personId, redactMarac, principal, correlationId }: SubjectAccessAsked,
    { progress, timeoutMs }: Omit<SubjectAccessContext, 'recorder'>,
  ): Promise<{ readonly report: SubjectAccessReport; readonly exportEntry: ReadAuditEntry }> {
    const head = await this.upToDate(progress, timeoutMs);
    await this.whenIndexReaches(head, progress, timeoutMs);
    // Asking is not enough: a protecting panel's content stays with its members, so others get it redacted.
    const asked = panelsReleased(redactMarac, principal);
    const { report, caseIds, unredactedPanels } = await this.reportWithCases(personId, new Date().toISOString(), asked);
    const exportEntry: ReadAuditEntry = {
      action: 'export',
      principal,
      subject: 'subject-access',
      personIds: [personId],
      // The cases the report gave out, so the case's trail shows it too.
      ...(caseIds.length === 0 ? {} : { caseIds: caseIds.slice(0, MAX_IDS) }),
      parameters: {
        redactMarac: report.maracRedacted,
        ...(unredactedPanels.length === 0 ? {} : { unredactedPanels }),
      },
      resultCount: report.cases.length,
      ...(correlationId === undefined ? {} : { correlationId }),
    };
    return { report, exportEntry };
  }

  /** `released`: the protecting panels whose content the report gives in full (see `redactedPanels`). */
  async report(personId: string, generatedAt: string, released: ReadonlySet<string>): Promise<SubjectAccessReport> {
    return (await this.build(personId, generatedAt, released)).report;
  }

  /**
   * The report and the cases it gave out, by their ids: the audit entry names them, so each case's
   * trail shows the report, though a redacted report shows MARAC's only as `[redacted]`.
   */
  async reportWithCases(
    personId: string,
    generatedAt: string,
    released: ReadonlySet<string>,
  ): Promise<{
    readonly report: SubjectAccessReport;
    readonly caseIds: readonly string[];
    /** The protecting panels the report gives in full, for the export entry. */
    readonly unredactedPanels: readonly string[];
  }> {
    const { report, caseIds } = await this.build(personId, generatedAt, released);
    return { report, caseIds, unredactedPanels: [...this.protecting].filter((code) => released.has(code)).sort() };
  }

  /** The report and the ids of the cases it gives out, taken before redaction rewrites them. */
  private async build(
    personId: string,
    generatedAt: string,
    released: ReadonlySet<string>,
  ): Promise<{ readonly report: SubjectAccessReport; readonly caseIds: readonly string[] }> {
    const { ids: personIds, now } = this.trail.known(personId);
    const ids = new Set(personIds);
    const recorded = this.trail.casesOf(personIds);
    const cases = casesNow(recorded, now);
    const items = this.all({ personId }, personIds, cases, recorded);
    const histories = new Map<string, RecordedEvent[]>();
    for (const caseId of new Set([...recorded, ...cases].map((c) => c.caseId)))
      histories.set(caseId, await this.store.readStream(`case-${caseId}`));
    const referrals = perpetratorReferrals([...histories.values()].map((events) => events[0]));
    const review: ManualReviewNote[] = [];
    const splitItems = items.filter((item) => item.action === 'person-split');
    const splitEvents = await this.eventsOf(splitItems);
    const splitsInTrail = splitItems.flatMap((item) => splitEvents.get(eventKey(item)) ?? []);
    const moved = recordsMoved(splitsInTrail, ids, now === undefined ? undefined : new Set(now.recordsAt.keys()));
    const unclaimed = now?.unclaimed ?? new Set<string>();
    const panels = this.redactedPanels(released);
    const redacted = (panel: string | null | undefined) => panel != null && panels.has(panel.toUpperCase());
    const whereabouts = new ProtectedWhereabouts(
      [...histories.values()].map((events) => events[0]),
      new Set(cases.filter((c) => redacted(c.panel)).map((c) => c.caseId)),
      redacted,
    );
    const personEvents = await this.personEvents(items, ids, { referrals, unclaimed, whereabouts }, review, moved, now);
    const caseHistories: SubjectAccessReport['cases'][number][] = [];
    for (const { caseId, panel, role } of cases) {
      const events = histories.get(caseId) ?? [];
      const at = `$.cases[${caseHistories.length}].events`;
      if (role === 'subject') {
        const held = events.map((event, j) => ownCaseEvent(event, ids, `${at}[${j}]`, review));
        if (redacted(panel))
          for (const [j, event] of held.entries()) held[j] = protectedEvent(event, `${at}[${j}]`, review);
        caseHistories.push({ caseId, panel, role, events: held });
        continue;
      }
      const inCase = idsInCase(caseId, events[0], ids, now);
      const naming = events.filter((event) => namesAny(event.data, inCase.ids));
      // Named only as the perpetrator whose record a split has since moved to someone else: not theirs.
      if (naming.length === 0) continue;
      caseHistories.push({
        caseId,
        panel,
        role,
        manualReviewRequired: true,
        reason: NAMED_ONLY,
        events: naming.map((event, j) => namedEvent(event, inCase, `${at}[${j}]`, review)),
      });
    }
    if (personEvents.length === 0 && caseHistories.length === 0)
      throw notFound('person-exists', `no person ${personId}`);
    const caseIds = caseHistories.map((c) => c.caseId);
    // A read or disclosure of a case is about the person who holds the case now (the person index:
    // a split moves a wrongly linked case, with its history, to the person it is about, and a merge
    // to the survivor), else the case's subject as the trail has it; one of no case is about
    // everyone it names (both people of a match review). A list of several cases (a tracker page,
    // an agenda, a search) is about each person whose case it listed. One about someone else only
    // is not theirs. A view of a person is about the person viewed, whichever of their cases it
    // listed first. Many reads are of the same few cases, and each holder is a person index query.
    const holders = new Map<string, string | undefined>();
    const holderOf = (caseId: string): string | undefined => {
      if (!holders.has(caseId)) holders.set(caseId, this.trail.holderOf(caseId));
      return holders.get(caseId);
    };
    const about = new Set(cases.filter((c) => c.role === 'subject').map((c) => c.caseId));
    // The person index decides whose a case is; before it has (or for a person it never saw), the trail does.
    const aboutThem = (item: TrailItem) => (caseId: string, i: number) => {
      if (now !== undefined) return about.has(caseId);
      const holder = holderOf(caseId);
      if (holder !== undefined) return ids.has(holder);
      return about.has(caseId) || (i === 0 && item.personId !== undefined && ids.has(item.personId));
    };
    const byCase = (item: TrailItem) => viewedPerson(item) === undefined && item.caseIds.length > 0;
    const theirs = (item: TrailItem) => {
      const viewed = viewedPerson(item);
      if (viewed !== undefined) return ids.has(viewed);
      if (item.caseIds.length === 0) return item.personIds.some((id) => ids.has(id));
      return item.caseIds.some(aboutThem(item));
    };
    // The others a search, list or review queue showed, and cases now someone else's, are not theirs to learn of.
    const heldCases = new Set(cases.map((c) => c.caseId));
    const ownOnly = (item: TrailItem): TrailItem =>
      asTheirs(item, ids, byCase(item) ? new Set(item.caseIds.filter(aboutThem(item))) : heldCases);
    const ownReads = items.filter((item) => item.kind === 'read' && READ_ACTIONS.includes(item.action) && theirs(item));
    const splits = splitsOff(items, splitEvents, ids, now, (caseId) => histories.get(caseId)?.[0]?.position);
    const shown = new Set(ownReads.map((item) => item.position));
    const inMergedRecord = splits.flatMap((split) =>
      this.mergedRecordReads(split, shown).map((item) => asShownInMergedRecord(item, split)),
    );
    const reads = [...ownReads, ...inMergedRecord].sort(byPosition).map(ownOnly);
    const recordsNow = now === undefined ? undefined : new Set(now.recordsAt.keys());
    const { decided, recordings, read: entryEvents } = await this.disclosuresOf(items, ids, recordsNow, theirs);
    const decisions = new Map([
      ...entryEvents,
      ...(await this.eventsOf(decided.filter((item) => !entryEvents.has(eventKey(item))))),
    ]);
    const disclosures = decided.map((item, i) => {
      const own = ownOnly(item);
      const data = decisions.get(eventKey(item))?.data ?? null;
      const recording = recordings.get(item.stream);
      if (recordsNow === undefined) return { ...own, data };
      if (recordsBehind(recording) === undefined) {
        const kept = byCaseAsTheirs(data, ids, recordsNow);
        note(review, `$.disclosures[${i}].data`, kept.paths);
        return { ...own, data: kept.data };
      }
      const given = byRecordsAsTheirs(data, recording, ids, recordsNow);
      note(review, `$.disclosures[${i}].data`, given.paths);
      return {
        ...own,
        ...(own.personIds.length === 0 ? { personId, personIds: [personId] } : {}),
        splitSince: given.splitSince,
        data: given.data,
      };
    });
    const sat = items.filter((item) => isMeeting(item) && theirs(item));
    const meetingEvents = await this.eventsOf(sat);
    const meetings = sat.map((item, i) => {
      const own = ownOnly(item);
      const shown = meetingAsTheirs(
        meetingEvents.get(eventKey(item))?.data ?? null,
        own.caseIds,
        `$.meetings[${i}].data`,
      );
      note(review, '', shown.review, ATTENDANCE_TO_REVIEW);
      return { ...own, data: shown.data };
    });
    const report: SubjectAccessReport = {
      personId,
      personIds,
      generatedAt,
      maracRedacted: !released.has(MARAC_PANEL_CODE),
      person: { events: personEvents },
      cases: caseHistories,
      reads,
      disclosures,
      meetings,
      manualReview: review,
    };
    if (panels.size === 0) return { report, caseIds };
    const maracCases = new Set(caseHistories.filter((c) => redacted(c.panel)).map((c) => c.caseId));
    const otherPanels = this.trail.panelsOf([
      ...new Set([...reads, ...disclosures, ...meetings].flatMap((i) => i.caseIds)),
    ]);
    for (const [caseId, panel] of otherPanels) if (redacted(panel)) maracCases.add(caseId);
    // A decision about her person alone names its panel in its data.
    const onProtected = (item: TrailItem, data?: unknown) =>
      [...item.caseIds, item.caseId].some((id) => id !== undefined && maracCases.has(id)) ||
      redacted((data as { panel?: string } | null)?.panel);
    const read = reads.map((item, i) => {
      if (!onProtected(item)) return item;
      const withheld = protectedContent(item);
      noteProtected(review, `$.reads[${i}]`, withheld.paths, item.position, '');
      return withheld.data as TrailItem;
    });
    const decidedOn = disclosures.map((item, i) => {
      if (!onProtected(item, item.data)) return item;
      const withheld = protectedContent(item.data);
      noteProtected(review, `$.disclosures[${i}].data`, withheld.paths, item.position, 'data');
      return { ...item, data: withheld.data };
    });
    const metOn = meetings.map((item, i) => {
      const shown = redactsMaracItself(panels) ? withoutMeetingId(item) : item;
      if (!onProtected(item)) return shown;
      const withheld = protectedContent(item.data);
      noteProtected(review, `$.meetings[${i}].data`, withheld.paths, item.position, 'data');
      return { ...shown, data: withheld.data };
    });
    const { person, cases: held } = report;
    const redactedContent = {
      ...(redactMarac({ person, cases: held, reads: read, disclosures: decidedOn }, maracCases, panels) as object),
      // Apart: under a key that says "meeting", `redactMarac` takes the whole list for MARAC content.
      meetings: redactMarac(metOn, maracCases, panels),
    };
    // A key that says MARAC tells the reader a referral exists as plainly as its value would.
    const { value, paths: keysDropped } = redactsMaracItself(panels)
      ? withoutMaracKeys(redactedContent)
      : { value: redactedContent, paths: [] };
    const content = value as Pick<SubjectAccessReport, 'person' | 'cases' | 'reads' | 'disclosures' | 'meetings'>;
    const withheld = new Set(review.map((note) => note.path));
    for (const path of keysDropped) if (!withheld.has(path)) review.push({ path, reason: MARAC_KEY_DROPPED });
    // A case's `reason` for being named is the system's own sentence, and what is withheld is noted already.
    const noted = new Set([...review.map((note) => note.path), ...fixedReasons(caseHistories)]);
    const freeText = freeTextToReview(content, FREE_TEXT_MAY_REFER_TO_MARAC).filter((note) => !noted.has(note.path));
    const staff = staffNamingMarac(content, STAFF_NAME_SAYS_MARAC, panels);
    return { report: { ...report, ...content, manualReview: [...review, ...freeText, ...staff] }, caseIds };
  }

  /**
   * Their person streams under every id, and identity events (links, matches, splits) naming them.
   * An event about a record is whoever holds the record now: one a split moved onto them is theirs
   * wherever it was written (found on the stream the record joined on), one moved off them is not.
   * The residence of a record a MARAC referral brought in for its perpetrator, or of one no
   * referral claimed (a failed attempt's: perhaps the same), waits for review.
   */
  private async personEvents(
    items: readonly TrailItem[],
    ids: ReadonlySet<string>,
    {
      referrals,
      unclaimed,
      whereabouts,
    }: {
      referrals: ReadonlyMap<string, string>;
      unclaimed: ReadonlySet<string>;
      /** What of theirs a protecting panel recorded, when the report withholds it. */
      whereabouts: ProtectedWhereabouts;
    },
    review: ManualReviewNote[],
    moved: RecordsMoved,
    now: HeldNow | undefined,
  ): Promise<HeldEvent[]> {
    const ownStream = (stream: string) =>
      stream.startsWith(PERSON_STREAM) && ids.has(stream.slice(PERSON_STREAM.length));
    const wanted = items.filter(
      (item) => ownStream(item.stream) || IDENTITY_STREAMS.some((prefix) => item.stream.startsWith(prefix)),
    );
    const found = await this.eventsOf(wanted);
    const about = new Map(wanted.flatMap((item) => found.get(eventKey(item)) ?? []).map((e) => [eventKey(e), e]));
    for (const event of await this.movedRecordEvents(moved.onto, now)) about.set(eventKey(event), event);
    const disowned = disownedIdentifiers([...about.values()]);
    const events: HeldEvent[] = [];
    for (const event of [...about.values()].sort((a, b) => (a.position < b.position ? -1 : 1))) {
      const at = `$.person.events[${events.length}]`;
      const record = recordOf(event);
      let held: HeldEvent;
      if (record !== undefined && moved.off.has(record)) continue;
      if (record !== undefined && moved.onto.has(record)) held = movedRecordEvent(event, ids, at, review);
      else if (ownStream(event.stream)) held = { ...heldBy(event), data: event.data };
      else if (IDENTITY_STREAMS.some((p) => event.stream.startsWith(p)) && namesAny(event.data, ids))
        held = identityEvent(event, ids, at, review);
      else continue;
      const forPerpetrator = withoutReferralResidence(event, held.data, referrals);
      note(review, `${at}.data`, forPerpetrator.paths);
      const unclaimedRecord = withoutUnclaimedResidence(event, forPerpetrator.data, unclaimed);
      note(review, `${at}.data`, unclaimedRecord.paths, UNCLAIMED_RECORD);
      const protectedWhereabouts = whereabouts.personEvent(event, unclaimedRecord.data);
      noteProtected(review, `${at}.data`, protectedWhereabouts.paths, held.position, 'data');
      // A value the log has since said is another's (her PNC ID typed on his referral) is theirs to decide on.
      const { data, paths } = withoutDisownedIdentifiers(event, protectedWhereabouts.data, disowned);
      note(review, `${at}.data`, paths);
      events.push({ ...held, data });
    }
    return events;
  }

  /**
   * What was recorded about each record a split moved onto the person, on the stream it joined on
   * (its link, or the registration it is): found where the person index says it joined, else on the
   * stream of the person it was moved off.
   */
  private async movedRecordEvents(
    onto: ReadonlyMap<string, string>,
    now: HeldNow | undefined,
  ): Promise<RecordedEvent[]> {
    const byStream = new Map<string, Set<string>>();
    for (const [recordId, from] of onto) {
      const at = now?.recordsAt.get(recordId);
      const joined = at === undefined ? undefined : this.trail.page({ after: BigInt(at) - 1n, limit: 1 }).items[0];
      const stream =
        joined?.position === String(at)
          ? joined.stream
          : `${recordId === from ? PERSON_STREAM : IDENTITY_STREAMS[0]}${from}`;
      byStream.set(stream, (byStream.get(stream) ?? new Set()).add(recordId));
    }
    const events: RecordedEvent[] = [];
    for (const [stream, records] of byStream)
      for (const event of await this.store.readStream(stream)) {
        const record = recordOf(event);
        if (record !== undefined && records.has(record)) events.push(event);
      }
    return events;
  }

  /** The events of trail items, reading each stream once (one read per item is one round trip each on EventStoreDB). */
  private async eventsOf(items: readonly TrailItem[]): Promise<Map<string, RecordedEvent>> {
    const byStream = new Map<string, bigint>();
    for (const item of items) {
      const from = byStream.get(item.stream);
      if (from === undefined || BigInt(item.revision) < from) byStream.set(item.stream, BigInt(item.revision));
    }
    const events = new Map<string, RecordedEvent>();
    for (const [stream, from] of byStream)
      for (const event of await this.store.readStream(stream, { from }))
        events.set(`${event.stream}@${event.revision.toString()}`, event);
    return events;
  }

  /**
   * Every trail entry concerning the person (under any of their ids), and the reads, disclosures and
   * meetings of each case they hold now that the trail does not connect to them (a split moved it to them),
   * in log order.
   */
  private all(
    filter: { personId: string },
    personIds: readonly string[],
    held: readonly HeldCase[],
    recorded: readonly HeldCase[],
  ): TrailItem[] {
    const items = this.pages(filter, { ids: personIds });
    const connected = new Set(recorded.map((c) => c.caseId));
    const known = new Set(items.map((item) => item.position));
    for (const { caseId, role } of held) {
      if (role !== 'subject' || connected.has(caseId)) continue;
      for (const item of this.pages({ caseId }))
        if (!known.has(item.position) && (item.kind === 'read' || isDisclosure(item) || isMeeting(item))) {
          known.add(item.position);
          items.push(item);
        }
    }
    return items.sort(byPosition);
  }

  /**
   * The disclosure decisions that are theirs: those of their trail their ids (or cases) make theirs,
   * except that one about a person alone that kept the records behind it is theirs when they hold
   * one of those records now, and only then, wherever it was recorded. Such one recorded under
   * someone else's id is found through the splits in their trail (`splitPartners`): made while a
   * wrong merge joined them, or before records were split off one onto the other. With each stream
   * of a person-only decision, its recording event's data, and the events read for it.
   */
  private async disclosuresOf(
    items: readonly TrailItem[],
    ids: ReadonlySet<string>,
    recordsNow: ReadonlySet<string> | undefined,
    theirs: (item: TrailItem) => boolean,
  ): Promise<{
    decided: TrailItem[];
    recordings: ReadonlyMap<string, unknown>;
    read: ReadonlyMap<string, RecordedEvent>;
  }> {
    const own = items.filter(isDisclosure);
    const others =
      recordsNow === undefined
        ? []
        : this.disclosuresUnder(splitPartners(items, ids), new Set(own.map((item) => item.position)));
    const read = await this.streamsOf([...own, ...others].filter((item) => item.caseIds.length === 0));
    const recordings = new Map(
      [...read.values()].filter((event) => event.revision === 0n).map((e) => [e.stream, e.data]),
    );
    const byRecords = (item: TrailItem) => theirsByRecords(recordings.get(item.stream), recordsNow);
    const decided = [
      ...own.filter((item) => byRecords(item) ?? theirs(item)),
      ...others.filter((item) => byRecords(item) === true),
    ];
    return { decided: decided.sort(byPosition), recordings, read };
  }

  /** The disclosure decisions filed under each of `partners` (every id they are known by now), none in `known`. */
  private disclosuresUnder(partners: readonly string[], known: Set<string>): TrailItem[] {
    const found: TrailItem[] = [];
    for (const partner of partners) {
      const person = { ids: this.trail.known(partner).ids };
      let after: bigint | undefined;
      for (;;) {
        const page = this.trail.page(
          { personId: partner, actions: DISCLOSURE_ACTIONS, limit: PAGE, ...(after === undefined ? {} : { after }) },
          person,
        );
        for (const item of page.items) {
          if (known.has(item.position)) continue;
          known.add(item.position);
          found.push(item);
        }
        if (page.next === undefined) break;
        after = BigInt(page.next);
      }
    }
    return found;
  }

  /** Every event of the items' streams, each stream read once: a disclosure's few, its recording first. */
  private async streamsOf(items: readonly TrailItem[]): Promise<Map<string, RecordedEvent>> {
    const events = new Map<string, RecordedEvent>();
    for (const stream of new Set(items.map((item) => item.stream)))
      for (const event of await this.store.readStream(stream)) events.set(eventKey(event), event);
    return events;
  }

  /**
   * The reads of the record a split took the person's data off, from when it held that data until
   * the split, that showed the record itself; each once, and none already in `shown`. Index ranges
   * of that one id over that stretch of the log, not the whole trail.
   */
  private mergedRecordReads(split: SplitOff, shown: Set<string>): TrailItem[] {
    const found: TrailItem[] = [];
    let after = split.since - 1n;
    for (;;) {
      const page = this.trail.page(
        { personId: split.from, actions: READ_ACTIONS, after, limit: PAGE },
        { ids: [split.from] },
      );
      for (const item of page.items) {
        if (BigInt(item.position) >= split.until) return found;
        if (shown.has(item.position) || !showedRecord(item, split.from)) continue;
        shown.add(item.position);
        found.push(item);
      }
      if (page.next === undefined) return found;
      after = BigInt(page.next);
    }
  }

  /**
   * Every page of a person's entries (`person`: the ids they are known by, their cases as the
   * referrals named them; the report decides by the person index itself which are theirs) or a case's.
   */
  private pages(filter: { personId: string } | { caseId: string }, person?: TrailPerson): TrailItem[] {
    const items: TrailItem[] = [];
    let after: bigint | undefined;
    for (;;) {
      const page = this.trail.page({ ...filter, limit: PAGE, ...(after === undefined ? {} : { after }) }, person);
      items.push(...page.items);
      if (page.next === undefined) return items;
      after = BigInt(page.next);
    }
  }
}
