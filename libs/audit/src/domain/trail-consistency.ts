import type { Seal } from './chain';
import { MAX_LISTED } from './log-consistency';
import { referralPeopleDiffer, type CaseRows, type ReferralRows } from './referral-rows';

export type TrailProblemReason = 'trail-row-missing' | 'trail-row-altered' | 'trail-row-extra' | 'trail-ahead-of-log';

export interface TrailProblem {
  readonly position: string;
  /** The sealed event's id, or the row's when no event is sealed there; none for `trail-ahead-of-log`. */
  readonly eventId?: string;
  readonly reason: TrailProblemReason;
  readonly detail: string;
}

/**
 * What a trail entry says about its event, each value as text (null when empty) under its name:
 * its columns, its act (actor and action) and its links to other cases and people. Stored rows and
 * the rows derived from sealed events are both read into this shape (one `names` list shared by
 * all), so a comparison names what differs without knowing the tables.
 */
export interface TrailContent {
  readonly names: readonly string[];
  readonly values: readonly (string | null)[];
}

/** One row of the trail's entries, keyed by the log position it stands for. */
export interface TrailRow {
  readonly position: bigint;
  readonly eventId: string;
  /** Absent when the stored rows are of another projection version than the derivation's (mid-rebuild). */
  readonly content?: TrailContent;
}

/** A row of what a disclosure's or meeting's stream is about (its entry's case and person, a listed case). */
export interface StreamSubjectRow {
  readonly stream: string;
  readonly kind: string;
  readonly id: string;
}

/** What the projection derives from one sealed event (see `trail-derived.ts`). */
export interface DerivedRow {
  readonly content: TrailContent;
  /** A referral's people and panel for its case. */
  readonly referral?: ReferralRows;
  /** What the event says its stream is about. */
  readonly streamSubjects?: readonly StreamSubjectRow[];
}

/**
 * Stored rows of one page: entries, the people and panel of each case a referral of the page
 * filled, and the rows kept for each stream an event of the page said what it is about.
 */
export interface StoredPage {
  readonly rows: readonly TrailRow[];
  readonly cases: ReadonlyMap<string, CaseRows>;
  readonly streams: ReadonlyMap<string, readonly { kind: string; id: string; since: bigint }[]>;
}

/** Person-key claims hold salted hashes only: sealed, never a trail entry (see trail-entry.ts). */
const UNTRAILED_STREAM = 'personkey-';

interface Pending {
  readonly caseId: string;
  readonly position: bigint;
  readonly eventId: string;
}

/**
 * Compares the trail read model with the seals, position by position, up to what the trail has
 * processed: the trail is what auditors and subject access reports read, so a row deleted or
 * rewritten there hides a read as surely as editing the log would. A row is compared whole with
 * what the projection derives from its sealed event, not just by event id: moved off its case or
 * person, or its links removed, it drops out of that case's trail and that person's report.
 */
export class TrailConsistency {
  private count = 0;
  private checkedCount = 0;
  readonly problems: TrailProblem[] = [];
  /**
   * A case's people from a position after its referral, by that position: only a referral of the
   * case there accounts for them. Empty unless a case was referred twice or its people were edited.
   */
  private readonly laterPeople = new Map<bigint, Map<string, Pending>>();
  /** Cases whose stored panel is not the one their latest referral so far gave (a later one may). */
  private readonly panelsInDoubt = new Map<string, Pending>();
  private walkedTo = -1n;

  /** `processedUpTo`: the trail's checkpoint; later seals are not due in it yet. */
  constructor(readonly processedUpTo: bigint) {}

  get problemCount(): number {
    return this.count;
  }

  get checked(): number {
    return this.checkedCount;
  }

  /**
   * One page of seals against the trail rows of the same position range, both in position order:
   * every row between the previous page's last seal and this page's last one. `derived`: what the
   * projection writes for each sealed event of the page, by position (beyond the checkpoint too).
   */
  compare(seals: readonly Seal[], stored: StoredPage, derived: ReadonlyMap<bigint, DerivedRow>): void {
    const byPosition = new Map(stored.rows.map((row) => [row.position, row]));
    for (const seal of seals) {
      const here = derived.get(seal.position);
      this.settleLaterPeople(seal.position, here);
      this.walkedTo = seal.position;
      if (seal.position > this.processedUpTo) {
        // Not due in the trail yet, but a referral here may already have set its case's panel.
        if (here?.referral !== undefined) this.panelsInDoubt.delete(here.referral.caseId);
        continue;
      }
      const row = byPosition.get(seal.position);
      byPosition.delete(seal.position);
      if (seal.stream.startsWith(UNTRAILED_STREAM)) {
        if (row !== undefined)
          this.report(seal.position, row.eventId, 'trail-row-extra', 'a person-key claim has a row');
        continue;
      }
      this.checkedCount++;
      if (row === undefined) this.report(seal.position, seal.eventId, 'trail-row-missing', 'the trail has no row');
      else if (row.eventId !== seal.eventId)
        this.report(seal.position, seal.eventId, 'trail-row-altered', `the row names event ${row.eventId}`);
      else this.compareContent(seal, row, derived.get(seal.position), stored);
    }
    for (const row of byPosition.values())
      this.report(row.position, row.eventId, 'trail-row-extra', 'no sealed event at this position');
  }

  /**
   * After the last page: what no later position accounted for. Case people from beyond the last
   * seal walked cannot be judged (the trail may have recorded an event appended since) and are left.
   */
  finish(): void {
    for (const [since, due] of this.laterPeople)
      if (since <= this.walkedTo) for (const pending of due.values()) this.altered(pending, [laterRow(since)]);
    this.laterPeople.clear();
    for (const pending of this.panelsInDoubt.values()) this.altered(pending, ['case_panel']);
    this.panelsInDoubt.clear();
  }

  private compareContent(seal: Seal, row: TrailRow, derived: DerivedRow | undefined, stored: StoredPage): void {
    if (row.content === undefined || derived === undefined) return;
    const differing = differences(row.content, derived.content);
    const referral = derived.referral;
    if (referral !== undefined) {
      const storedCase = stored.cases.get(referral.caseId) ?? { people: [], panel: null };
      const people = referralPeopleDiffer(seal.position, referral, storedCase);
      if (people.differ) differing.push('case_people');
      const pending = { caseId: referral.caseId, position: seal.position, eventId: seal.eventId };
      for (const later of people.later) {
        let due = this.laterPeople.get(later.since);
        if (due === undefined) this.laterPeople.set(later.since, (due = new Map<string, Pending>()));
        due.set(referral.caseId, pending);
      }
      // The table keeps a case's last panel: a mismatch now stands unless a later referral explains it.
      if (referral.panel !== null) {
        if (storedCase.panel === referral.panel) this.panelsInDoubt.delete(referral.caseId);
        else this.panelsInDoubt.set(referral.caseId, pending);
      }
    }
    // The table keeps a stream's first row for each case or person: one from here on, or earlier.
    const kept = (row: StreamSubjectRow) =>
      stored.streams
        .get(row.stream)
        ?.some((s) => s.kind === row.kind && s.id === row.id && s.since <= seal.position) === true;
    if (derived.streamSubjects?.every(kept) === false) differing.push('stream_subjects');
    if (differing.length > 0) this.altered({ position: seal.position, eventId: seal.eventId }, differing);
  }

  /**
   * The trail has processed up to a position the log no longer reaches: the log lost its tail (or
   * was restored from an older backup), taking whatever was recorded there with it.
   */
  logEndsAt(head: bigint): void {
    if (this.processedUpTo <= head) return;
    this.count++;
    if (this.problems.length < MAX_LISTED)
      this.problems.push({
        position: this.processedUpTo.toString(),
        reason: 'trail-ahead-of-log',
        detail:
          `the trail has processed up to position ${this.processedUpTo.toString()} but the log ends at ` +
          `${head.toString()}: events were removed from the log's end`,
      });
  }

  /** Case people stored from `position` on are accounted for if it is a referral of their case. */
  private settleLaterPeople(position: bigint, derived: DerivedRow | undefined): void {
    const due = this.laterPeople.get(position);
    if (due === undefined) return;
    this.laterPeople.delete(position);
    for (const pending of due.values())
      if (derived?.referral?.caseId !== pending.caseId) this.altered(pending, [laterRow(position)]);
  }

  private altered({ position, eventId }: { position: bigint; eventId: string }, differing: readonly string[]): void {
    this.report(
      position,
      eventId,
      'trail-row-altered',
      `the row's ${differing.join(', ')} differ from its sealed event`,
    );
  }

  private report(position: bigint, eventId: string, reason: TrailProblemReason, detail: string): void {
    this.count++;
    if (this.problems.length < MAX_LISTED)
      this.problems.push({ position: position.toString(), eventId, reason, detail });
  }
}

const laterRow = (since: bigint): string =>
  `case_people (a row from position ${since.toString()}, no referral of the case)`;

/** The names whose values differ. */
function differences(stored: TrailContent, derived: TrailContent): string[] {
  const differing: string[] = [];
  const count = Math.max(stored.values.length, derived.values.length);
  for (let i = 0; i < count; i++)
    if ((stored.values[i] ?? null) !== (derived.values[i] ?? null))
      differing.push(derived.names[i] ?? stored.names[i] ?? String(i));
  return differing;
}
