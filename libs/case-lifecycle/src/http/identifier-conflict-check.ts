import { conflict, Rejection } from '../../../command-handling/src/rejections';
import { IDENTITY_RULES } from '../../../identity/src/domain/person-links/identity-rules';
import { correctsIdentifiers } from '../application/person-resolution/identifier-corrections';
import type { IdentifierCorrection } from './identifier-correction';

/**
 * 409 `identifier-conflict` when a value set would give the person, as they are now, two different
 * valid values of one kind across their records: the rule a confirmation is refused by. Names the
 * kinds, never a value (the other may be on a record of a panel the caller does not hold). The
 * case's other records, corrected in the same request, are not judged: they are made to agree.
 */
export async function requireNoIdentifierConflict(
  people: object,
  { recordId, holder, alsoCorrected }: { recordId: string; holder: string; alsoCorrected: readonly string[] },
  correction: IdentifierCorrection,
): Promise<void> {
  if (Object.keys(correction.set).length === 0) return;
  if (!correctsIdentifiers(people)) {
    throw new Rejection(
      'conflict',
      'identifier-correction-needs-matcher',
      'identifiers are corrected only where the matching resolver keeps its index of records',
    );
  }
  const kinds = await people.identifierConflictsOnRecord(recordId, correction.set, alsoCorrected);
  if (kinds.length > 0) {
    throw conflict(
      IDENTITY_RULES.identifierConflict,
      `person ${holder} holds another valid ${kinds.join(', ')} on another record: correct or remove that one through the case of the referral that brought it in (a record a monthly cohort upload row brought in, through the case that row was listed against), or split off that record, first; a record no referral claimed (one a referral that failed part-way left, shown with no panel) has no case: split this case's record off it, with identifiersInError naming the kind`,
    );
  }
}
