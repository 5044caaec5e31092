import type Database from 'better-sqlite3';
import type { HeldCase } from '../../../identity/src/application/person-index.query';
import { ukDay } from '../domain/calendar';
import { judgeMaracRepeat } from '../domain/rules/marac-repeat';
import { reportedPreviousMaracs } from './cohort-marac-reported';
import type { CasesOfPeopleNow } from './cohort-people-now';

interface Tables {
  table(local: string): string;
}

/** What the check reads of a MARAC case's row. */
export interface MaracRepeatRow {
  readonly case_id: string;
  readonly panel: string;
  readonly person_id: string;
  readonly referred_at: string;
  readonly marac_repeat: number | null;
  readonly marac_repeat_window: number | null;
  /** The referral's incident: the window of the victim's last referral is judged on it. */
  readonly marac_incident_at: string | null;
}

/** A referral in the order the repeat-rate report and the referral handler take them. */
interface Referral {
  readonly at: number;
  readonly position: number;
}

/**
 * Earlier: an earlier date, or the same instant recorded earlier in the log. The referral handler
 * (`ReferralHistory.lastReferralTo`) counts a same-instant referral already recorded, and the
 * repeat-rate report breaks ties by log order, so of two same-instant referrals the second repeats.
 */
const before = (a: Referral, b: Referral): boolean => a.at < b.at || (a.at === b.at && a.position < b.position);

/** A MARAC row with its flag and a dated incident; every referral records one, and a row without keeps its flag. */
const judgeable = (row: MaracRepeatRow): row is MaracRepeatRow & { readonly marac_incident_at: string } =>
  (row.marac_repeat === 0 || row.marac_repeat === 1) &&
  row.marac_incident_at !== null &&
  ukDay(row.marac_incident_at) !== undefined;

/** Where the repeat as known now differs from the flag its referral recorded. */
export interface RepeatsAsKnownNow {
  /** Not flagged, but a repeat as the history is known now. */
  readonly recognisedLater: ReadonlySet<string>;
  /**
   * Flagged, but not a repeat now: a split moved the earlier referral to another person, or the flag
   * was judged on the referral's date and the incident came before the last referral.
   */
  readonly noLongerHeld: ReadonlySet<string>;
  /**
   * Repeats as shown (flagged and still held, or recognised later) whose last referral is the form's
   * previous MARAC date, later than any the history as known now holds; the others are the history's.
   */
  readonly fromReported: ReadonlySet<string>;
}

/**
 * The MARAC cases among `rows` whose repeat, as the history is known now, differs from the flag
 * their referral recorded. Recognised later: identities merged since (a reviewer confirmed two
 * records are one victim), a split that moved a case to her, or an earlier referral recorded later
 * (a back-dated one). No longer held: a split (restoring or not) took away the earlier referral the
 * flag was judged on, so the woman it is about now has none within the window. As at referral time
 * (`ReferralHistory.lastReferralTo`), the last earlier referral to the same panel counts, open,
 * closed or declined, and `detectMaracRepeat` judges whether this referral's incident falls in its
 * window (the one the referral recorded), as the referral and the repeat-rate report do. Asked
 * of the person index at read time, like the person a case is about: a split takes the
 * recognition away as soon as it is recorded, and nothing is stored that a merge would have to
 * rewrite. A flag is withdrawn only for a case the index has seen (a lagging index keeps it). Two
 * statements per page, whatever its length: the cases each victim holds now (person index), and
 * which of them are referrals in these tables (as of the day asked about, for `asOf`).
 *
 * The form's previous MARAC date (`marac_reported`: a MARAC before go-live, or another area's) is a
 * last referral beside the history's, a repeat of either counting, as at referral. Only for a
 * case the index has seen: for one it has not, the flag and the source its referral recorded stand.
 */
export function repeatsAsKnownNow(
  rows: readonly MaracRepeatRow[],
  connection: Database.Database,
  tables: Tables,
  people: Pick<CasesOfPeopleNow, 'casesHeldWith'>,
): RepeatsAsKnownNow {
  const recognisedLater = new Set<string>();
  const noLongerHeld = new Set<string>();
  const fromReported = new Set<string>();
  const judged = rows.filter(judgeable);
  if (judged.length === 0) return { recognisedLater, noLongerHeld, fromReported };
  const { held, positions } = heldByCase(
    people.casesHeldWith(judged.map((row) => ({ caseId: row.case_id, referralPersonId: row.person_id }))),
  );
  const referredOn = referrals(connection, tables, [...held.values()].flat());
  const reported = reportedPreviousMaracs(
    connection,
    tables,
    judged.map((row) => row.case_id),
  );
  for (const row of judged) {
    const indexed = positions.has(row.case_id);
    // A case the index has not seen yet was recorded after every case it has.
    const own = { at: Date.parse(row.referred_at), position: positions.get(row.case_id) ?? Infinity };
    let last: (Referral & { referredAt: string }) | undefined;
    for (const other of held.get(row.case_id) ?? []) {
      const referred = referredOn.get(other.caseId);
      if (referred === undefined || referred.panel !== row.panel) continue;
      const referral = {
        at: Date.parse(referred.referred_at),
        position: other.position,
        referredAt: referred.referred_at,
      };
      if (before(referral, own) && (last === undefined || before(last, referral))) last = referral;
    }
    const given = reported.get(row.case_id);
    const now = judgeMaracRepeat(
      {
        ...(last === undefined ? {} : { historyAt: last.referredAt }),
        ...(given === undefined || !indexed ? {} : { reportedOn: given.reportedOn }),
      },
      row.marac_incident_at,
      row.marac_repeat_window ?? undefined,
    );
    if (row.marac_repeat === 0 && now.repeat) recognisedLater.add(row.case_id);
    if (row.marac_repeat === 1 && indexed && !now.repeat) noLongerHeld.add(row.case_id);
    const from = row.marac_repeat === 1 && !indexed ? given?.repeatFrom : now.repeatFrom;
    if (from === 'reported') fromReported.add(row.case_id);
  }
  return { recognisedLater, noLongerHeld, fromReported };
}

/** The other cases each listed case's victim holds, and every case's log position. */
function heldByCase(found: readonly HeldCase[]) {
  const held = new Map<string, HeldCase[]>();
  const positions = new Map<string, number>();
  for (const one of found) {
    positions.set(one.caseId, one.position);
    if (one.caseId === one.ofCaseId) continue;
    const list = held.get(one.ofCaseId);
    if (list === undefined) held.set(one.ofCaseId, [one]);
    else list.push(one);
  }
  return { held, positions };
}

/** When each of `cases` was referred, for those these tables hold as MARAC referrals. */
function referrals(
  connection: Database.Database,
  tables: Tables,
  cases: readonly HeldCase[],
): Map<string, { panel: string; referred_at: string }> {
  if (cases.length === 0) return new Map();
  const found = connection
    .prepare<[string], { case_id: string; panel: string; referred_at: string }>(
      `SELECT case_id, panel, referred_at FROM ${tables.table('cases')} WHERE case_id IN (SELECT value FROM json_each(?))
        AND marac_repeat IS NOT NULL`,
    )
    .all(JSON.stringify([...new Set(cases.map((held) => held.caseId))]));
  return new Map(found.map((row) => [row.case_id, row]));
}
