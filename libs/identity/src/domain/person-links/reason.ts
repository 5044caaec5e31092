import { invalid } from '../../../../command-handling/src/rejections';
import { IDENTITY_RULES, MAX_REASON_LENGTH } from './identity-rules';

/** Every identity decision a person makes must say why: it is what an auditor reads later. */
export function requireReason(reason: unknown): string {
  const text = typeof reason === 'string' ? reason.trim() : '';
  if (text === '') throw invalid('reason', IDENTITY_RULES.reasonRequired, 'reason is required: say why');
  if (text.length > MAX_REASON_LENGTH) {
    throw invalid(
      'reason',
      `max-length-${MAX_REASON_LENGTH}`,
      `reason must be at most ${MAX_REASON_LENGTH} characters`,
    );
  }
  return text;
}
