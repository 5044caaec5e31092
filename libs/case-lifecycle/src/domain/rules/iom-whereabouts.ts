/**
 * IOM enforcement practice: a nominal unlocated for six months or more is considered for a media
 * appeal. A run starts with a record that they cannot be located and ends with one that they are
 * located again. Both count by UK date, as a coordinator reads them, so each record is dated from
 * the referral's UK day on and not before the record it follows: otherwise a run could end before
 * it began, or begin before the case existed, and the tracker would count months that never were.
 */
import { conflict, invalid } from '../../../../command-handling/src/rejections';
import { ukDayOf } from '../calendar';
import { CASE_RULES } from '../rule-names';
import type { IomWhereabouts } from '../vocabulary/iom';

export interface WhereaboutsSoFar {
  readonly caseId: string;
  /** The referral's instant. */
  readonly referredAt: string;
  /** UK date of the open run's start; absent while the nominal is located. */
  readonly unlocatedSince?: string;
  /** UK date of the latest whereabouts record, either way. */
  readonly whereaboutsRecordedOn?: string;
}

/** Refuses a record that cannot follow the case's whereabouts so far; `occurredAt` is a checked instant. */
export function requireWhereaboutsChange(
  soFar: WhereaboutsSoFar,
  whereabouts: IomWhereabouts,
  occurredAt: string,
): void {
  const { caseId, unlocatedSince, whereaboutsRecordedOn } = soFar;
  if (whereabouts === 'unlocated' && unlocatedSince !== undefined) {
    throw conflict(
      CASE_RULES.iomWhereaboutsChange,
      `case ${caseId} records the nominal unlocated since ${unlocatedSince}: record them located before a new run`,
    );
  }
  if (whereabouts === 'located' && unlocatedSince === undefined) {
    throw conflict(CASE_RULES.iomWhereaboutsChange, `case ${caseId} does not record the nominal as unlocated`);
  }
  const day = ukDayOf(occurredAt);
  const referredOn = ukDayOf(soFar.referredAt);
  if (day < referredOn) {
    throw invalid(
      'occurredAt',
      CASE_RULES.iomWhereaboutsFromReferral,
      `occurredAt is ${day} (UK), before case ${caseId} was referred on ${referredOn}`,
    );
  }
  if (whereaboutsRecordedOn !== undefined && day < whereaboutsRecordedOn) {
    throw invalid(
      'occurredAt',
      CASE_RULES.iomWhereaboutsInOrder,
      `occurredAt is ${day} (UK), before the latest whereabouts record on case ${caseId} (${whereaboutsRecordedOn})`,
    );
  }
}
