import { invalid } from '../../../../command-handling/src/rejections';
import { optionalText } from '../input-checks';
import { PERSON_RULES } from '../rule-names';

/**
 * Setting or removing an identifier on a record says why, in more than blanks (400
 * `reason-with-identifiers` naming `reason`): an auditor must be able to tell a correction from a
 * lost number. Answers the reason trimmed.
 */
export function requireCorrectionReason(reason: string | undefined): string {
  const why = optionalText(reason);
  if (why === undefined) {
    throw invalid(
      'reason',
      PERSON_RULES.reasonWithIdentifiers,
      'say why the identifiers are corrected: auditors read it',
    );
  }
  return why;
}
