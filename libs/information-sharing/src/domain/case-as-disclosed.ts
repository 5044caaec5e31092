/**
 * What the open disclosures about a case gave out of it: each case field as the case stood when
 * the latest disclosure giving that field was recorded, never as the panel has recorded it since.
 * A recipient given the case in March has no claim on what the panel decided in May, and an
 * auditor must be able to rule out that they learnt it.
 */
import { disclosedCaseView } from './case-view-filter';
import { CASE_FIELDS, type CaseField, type DisclosableField } from './disclosable-fields';

/** One open disclosure about the case, as far as its case fields go. */
export interface CaseEntryGiven {
  readonly fields: readonly DisclosableField[];
  /** Where it was recorded in the log: the case as it stood then is what it gave out. */
  readonly position: bigint;
  /** When it was made. */
  readonly occurredAt: string;
}

/** The case view (as `GET /v1/cases/{id}` builds it) at a log position; undefined when there was no case yet. */
export type CaseAt = (position: bigint) => Readonly<Record<string, unknown>> | undefined;

export interface CaseAsDisclosed {
  /** The disclosed case fields, each at its value then (`details` without whom else it names). */
  readonly fields: Record<string, unknown>;
  /** For each field shown, when the disclosure whose value it shows was made. */
  readonly asDisclosedOn: Record<string, string>;
}

/**
 * The latest entry giving `field`: a later share gives it out again, at its value then. By log
 * position, not `occurredAt`, since a back-dated share still gave out the case as recorded when made.
 */
export function latestGiving(entries: readonly CaseEntryGiven[], field: CaseField): CaseEntryGiven | undefined {
  let latest: CaseEntryGiven | undefined;
  for (const entry of entries)
    if (entry.fields.includes(field) && (latest === undefined || entry.position > latest.position)) latest = entry;
  return latest;
}

/**
 * Each case field the entries gave out, from the case as it stood at the latest entry giving it
 * (`caseAt` folds the case's own events up to that position). A field a later entry did not give
 * out stays as the earlier one gave it: a share of the rating alone discloses no later status.
 */
export function caseAsDisclosed(entries: readonly CaseEntryGiven[], caseAt: CaseAt): CaseAsDisclosed {
  const fields: Record<string, unknown> = {};
  const asDisclosedOn: Record<string, string> = {};
  const folded = new Map<bigint, Readonly<Record<string, unknown>> | undefined>();
  const at = (position: bigint) => {
    if (!folded.has(position)) folded.set(position, caseAt(position));
    return folded.get(position);
  };
  for (const field of CASE_FIELDS) {
    const latest = latestGiving(entries, field);
    const then = latest === undefined ? undefined : at(latest.position);
    // No case at that position cannot happen for a share of it; if it did, show nothing rather than now.
    if (latest === undefined || then === undefined) continue;
    const shown = disclosedCaseView(then, new Set([field]));
    if (!Object.hasOwn(shown, field)) continue;
    fields[field] = shown[field];
    asDisclosedOn[field] = latest.occurredAt;
  }
  return { fields, asDisclosedOn };
}
