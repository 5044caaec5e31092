import {
  COMPARISON_INDEX,
  DATE_OF_BIRTH,
  FORENAME,
  IDENTIFIERS,
  RESIDENCE,
  SURNAME,
  describeLevels,
  newComparisonVector,
  type ComparisonVector,
} from './comparisons/comparison-levels';
import { compareRecords } from './comparisons/compare-records';
import { matchProbability, matchWeight, type CompiledModel } from './model/compiled-model';
import type { CandidateOutcome, MatchGuard, PersonCandidate } from './match-result';
import type { PreparedRecord } from './prepared-record';

/**
 * Twins (or siblings recorded with a guessed date of birth): same surname, same date of birth
 * and same home, but forenames that agree at no level (not a nickname, alias or typo). Such a
 * pair scores high on everything else, so the score alone would link two different children.
 */
export function looksLikeTwins(vector: ComparisonVector): boolean {
  return (
    vector[COMPARISON_INDEX.forename] === FORENAME.else &&
    vector[COMPARISON_INDEX.surname] === SURNAME.exact &&
    vector[COMPARISON_INDEX.dateOfBirth] === DATE_OF_BIRTH.exact &&
    (vector[COMPARISON_INDEX.residence] === RESIDENCE.sameAddress ||
      vector[COMPARISON_INDEX.residence] === RESIDENCE.postcode) &&
    vector[COMPARISON_INDEX.identifiers] !== IDENTIFIERS.agree
  );
}

/** An identifier kind of the record has a valid value the person has never been recorded with. */
function conflictsWithPerson(record: PreparedRecord, personRecords: Iterable<PreparedRecord>): boolean {
  if (record.identifiers.length === 0) return false;
  const knownValues = new Map<string, Set<string>>();
  for (const personRecord of personRecords) {
    for (const { kind, value } of personRecord.identifiers) {
      const values = knownValues.get(kind) ?? new Set<string>();
      values.add(value);
      knownValues.set(kind, values);
    }
  }
  return record.identifiers.some(({ kind, value }) => {
    const values = knownValues.get(kind);
    return values !== undefined && !values.has(value);
  });
}

/**
 * Scores a record against every record of one person and applies the decision rules:
 * - an equal valid identifier with any of the person's records and no conflicting one links;
 * - otherwise it links only if the LOWEST pairwise weight reaches the link threshold (complete
 *   linkage: A~B and B~C strong but A~C weak keeps C out of {A, B}), no identifier conflicts
 *   and the twins guard does not fire against any of the person's records;
 * - it is proposed for review if the HIGHEST pairwise weight reaches the review threshold.
 */
export function assessPerson(
  record: PreparedRecord,
  personId: string,
  personRecords: ReadonlySet<PreparedRecord>,
  compiled: CompiledModel,
  scratch: ComparisonVector = newComparisonVector(),
): PersonCandidate {
  let lowest = Infinity;
  let highest = -Infinity;
  let bestRecord: PreparedRecord | undefined;
  const bestVector = newComparisonVector();
  let identifierAgreement = false;
  let twins = false;
  for (const personRecord of personRecords) {
    compareRecords(record, personRecord, scratch);
    const weight = matchWeight(scratch, compiled);
    if (weight < lowest) lowest = weight;
    if (weight > highest) {
      highest = weight;
      bestRecord = personRecord;
      bestVector.set(scratch);
    }
    if (scratch[COMPARISON_INDEX.identifiers] === IDENTIFIERS.agree) identifierAgreement = true;
    if (looksLikeTwins(scratch)) twins = true;
  }
  const guards: MatchGuard[] = [];
  if (conflictsWithPerson(record, personRecords)) guards.push('identifier-conflict');
  if (twins && !identifierAgreement) guards.push('twins');
  const { linkThreshold, reviewThreshold } = compiled.model;

  let outcome: CandidateOutcome = 'below-threshold';
  if (guards.length === 0 && (identifierAgreement || lowest >= linkThreshold)) outcome = 'link';
  else if (highest >= reviewThreshold || identifierAgreement) outcome = 'review';

  return {
    personId,
    score: lowest,
    bestRecordScore: highest,
    matchProbability: matchProbability(lowest),
    recordId: bestRecord?.recordId ?? '',
    levels: describeLevels(bestVector),
    identifierAgreement,
    guards,
    outcome,
  };
}
