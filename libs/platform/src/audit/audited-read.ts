import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { MAX_PURPOSE_LENGTH, PURPOSE_REQUIRED_ACTIONS, type ReadAuditAction } from './read-audit';

export interface AuditedReadOptions {
  /** Route parameter holding the case id that is read (added to the entry's caseIds). */
  readonly caseIdParam?: string;
  /** Route parameter holding the person id that is read (added to the entry's personIds). */
  readonly personIdParam?: string;
  /** Report or export kind, e.g. `marac-repeat-rate`. */
  readonly subject?: string;
}

export interface AuditedReadSpec extends AuditedReadOptions {
  readonly action: ReadAuditAction;
}

export const AUDITED_READ = 'ccb:audited-read';

/**
 * Records a successful read in the audit trail before the response is sent (the audit
 * context's interceptor does it; a read whose entry cannot be written fails with 503).
 * Case and person views (`PURPOSE_REQUIRED_ACTIONS`) require `X-Purpose` (400 without it); the
 * other actions keep the purpose when one is given. The entry holds the query parameters, the
 * path parameters (which review, case, person or panel was asked for), the number of results
 * (`total`, else the length of `items`) and every `caseId` / `personId` / `…PersonId` and every
 * string of a `caseIds` / `personIds` / `…PersonIds` list in the response body: ids, never content.
 */
export const AuditedRead = (action: ReadAuditAction, options: AuditedReadOptions = {}): MethodDecorator => {
  const recorded = SetMetadata(AUDITED_READ, { action, ...options } satisfies AuditedReadSpec);
  if (!PURPOSE_REQUIRED_ACTIONS.has(action)) return recorded;
  // Documented where it is enforced, so no view can require the header without /docs saying so.
  return applyDecorators(
    recorded,
    ApiHeader({
      name: 'X-Purpose',
      required: true,
      description: `Why you are viewing this record, at most ${MAX_PURPOSE_LENGTH} characters (audited; 400 without it). UTF-8 bytes, or percent-encoded UTF-8 after UTF-8'' (UTF-8''na%C3%AFve) where a client cannot send them; other bytes are refused (400, rule utf-8)`,
    }),
  );
};
