import type { TrailItem } from '../projections/audit-trail.query';
import { strings } from './subject-access-records';
import { ownIdsOnly, WITHHELD, type Withheld } from './third-party';

/**
 * The records behind a disclosure about a person alone, as its recording event kept them
 * (`personRecordIds`: whose details it gave out, as its panel saw the person then); undefined for
 * one about a case (it follows the case) or recorded before they were kept (its id decides).
 */
export function recordsBehind(recording: unknown): readonly string[] | undefined {
  const data = recording as { caseId?: unknown; personRecordIds?: unknown } | null | undefined;
  if (data === null || data === undefined || data.caseId !== null || !Array.isArray(data.personRecordIds))
    return undefined;
  const records = strings(data.personRecordIds);
  return records.length === 0 ? undefined : records;
}

/**
 * Whose a disclosure about a person alone is, as the register lists it: theirs when they hold one
 * of the records behind it now, whatever id it was recorded under (made while a wrong merge joined
 * them to someone, or before records were split off them), and not theirs when they hold none
 * (what it gave out was someone else's). Undefined when it kept no records: its ids decide.
 */
export const theirsByRecords = (
  recording: unknown,
  recordsNow: ReadonlySet<string> | undefined,
): boolean | undefined => {
  const records = recordsBehind(recording);
  if (records === undefined || recordsNow === undefined) return undefined;
  return records.some((record) => recordsNow.has(record));
};

/**
 * Another id a split in their trail named (the person a merge joined them to and its undoing
 * split parted them from, the person a split took records off or onto): a disclosure recorded
 * under it may have given out their details.
 */
export const splitPartners = (items: readonly TrailItem[], ids: ReadonlySet<string>): string[] => [
  ...new Set(
    items
      .filter((item) => item.action === 'person-split')
      .flatMap((item) => item.personIds.filter((id) => !ids.has(id))),
  ),
];

/**
 * An event of a disclosure listed by the records behind it, as their report gives it: the id it
 * was recorded under, when another's, and the records not theirs now, withheld pending review.
 * `splitSince`, as in the register: the records behind it are not all theirs, or it was recorded
 * under someone else's id.
 */
export function byRecordsAsTheirs(
  data: unknown,
  recording: unknown,
  ids: ReadonlySet<string>,
  recordsNow: ReadonlySet<string>,
): Withheld & { splitSince: boolean } {
  const records = recordsBehind(recording) ?? [];
  const named = (recording as { personId?: unknown }).personId;
  const splitSince = records.some((record) => !recordsNow.has(record)) || typeof named !== 'string' || !ids.has(named);
  if (typeof data !== 'object' || data === null) return { data, paths: [], splitSince };
  const paths: string[] = [];
  const shown: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  if (typeof shown.personId === 'string' && !ids.has(shown.personId)) {
    shown.personId = WITHHELD;
    paths.push('.personId');
  }
  if (Array.isArray(shown.personRecordIds))
    shown.personRecordIds = ownIdsOnly(shown.personRecordIds, recordsNow, '.personRecordIds', paths);
  const behindFields = ownRecordsBehindFields(shown, recordsNow);
  return { data: behindFields.data, paths: [...paths, ...behindFields.paths], splitSince };
}

/**
 * An event of a disclosure listed by its case (or by its ids), as their report gives it: the
 * person id it was recorded under when not theirs (a case share made while a wrong merge joined
 * them to someone who survived it, or before a split moved the case to them) and the records
 * behind what it gave out that are not theirs now, withheld pending review.
 */
export function byCaseAsTheirs(data: unknown, ids: ReadonlySet<string>, recordsNow: ReadonlySet<string>): Withheld {
  const behind = ownRecordsBehindFields(data, recordsNow);
  const named = (behind.data as { personId?: unknown } | null | undefined)?.personId;
  if (typeof named !== 'string' || ids.has(named)) return behind;
  return {
    data: { ...(behind.data as Record<string, unknown>), personId: WITHHELD },
    paths: ['.personId', ...behind.paths],
  };
}

/**
 * A disclosure's event as their report gives it, with the records behind each field it gave out
 * (`recordsBehindFields`, on entries about a case too) that are not theirs now withheld pending
 * review: after an undone merge or a split, another person's record ids, like their person id.
 */
export function ownRecordsBehindFields(data: unknown, recordsNow: ReadonlySet<string>): Withheld {
  const behind = (data as { recordsBehindFields?: unknown } | null | undefined)?.recordsBehindFields;
  if (typeof behind !== 'object' || behind === null) return { data, paths: [] };
  const paths: string[] = [];
  const own = Object.fromEntries(
    Object.entries(behind as Record<string, unknown>).map(([field, ids]) => [
      field,
      Array.isArray(ids) ? ownIdsOnly(ids, recordsNow, `.recordsBehindFields.${field}`, paths) : ids,
    ]),
  );
  return { data: { ...(data as Record<string, unknown>), recordsBehindFields: own }, paths };
}
