import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { parseAnchor } from '../application/anchor';
import { namedRule as rule } from '../../../platform/src/http/named-rule';
import { LAST_POSITION } from './trail-query-rules';

const isAnchor = (value: unknown): boolean => {
  const parsed = typeof value === 'string' ? parseAnchor(value) : undefined;
  return parsed !== undefined && parsed.position <= LAST_POSITION;
};

/**
 * A declared query, so a misspelt `anchors=` or `anchor[]=` is refused (400 naming it) rather than
 * ignored: verify would otherwise answer `ok: true` without checking the anchor the auditor meant.
 */
export class VerifyQueryParams {
  @ApiPropertyOptional({ description: '<position>:<sha256 hex> of an earlier head' })
  @IsOptional()
  @rule('anchor-format', 'anchor must be <position>:<64 hex digits>', isAnchor)
  anchor?: string;
}

export class SubjectAccessQueryParams {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description:
      'MARAC references and the content of every panel that protects residence are redacted by default. `false` ' +
      'leaves in the content of each such panel the reader sits on (MARAC, a configured MASE), no other; ' +
      'anyone else still gets the redacted report (`maracRedacted` says whether MARAC content was given).',
  })
  @IsOptional()
  @rule('boolean', 'redactMarac must be true or false', (value) => value === 'true' || value === 'false')
  redactMarac?: 'true' | 'false';
}
