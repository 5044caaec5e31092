import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsNotBlank } from '../../../platform/src/http/named-rule';
import { QueryNumber } from '../../../platform/src/http/query-number';
import { TRAIL_ACTIONS } from './trail-actions';
import { IsAfterField, IsLogPosition, IsShortActionList, IsTrailActionList, IsTrailInstant } from './trail-query-rules';

export class TrailQueryParams {
  // Person and case ids are only ever minted as UUIDs, so anything else is a mistake, not an empty answer.
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Entries concerning this person under every id they are known by: those of the cases they hold or are named ' +
      'on as MARAC perpetrator now (after merges and splits, from each referral on), and those about or naming ' +
      "them that name no case. An entry of a case that is someone else's now is left out unless it is a view of " +
      'them, an identity event of theirs, or a read (search, list, view) that listed them other than as someone ' +
      'that case names.',
  })
  @IsOptional()
  @IsUUID('all')
  personId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Entries concerning this case' })
  @IsOptional()
  @IsUUID('all')
  caseId?: string;

  @ApiPropertyOptional({ description: 'The actor (token subject) who did it, exactly; not blank' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({
    description:
      "The actor's agency, whatever its case and spacing (`metropolitan  police` is `Metropolitan Police`), as the " +
      'disclosure register compares agencies; not blank',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  agency?: string;

  @ApiPropertyOptional({
    description: 'Recorded at or after (ISO-8601 date or date-time; UTC unless it gives an offset)',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsTrailInstant()
  from?: string;

  @ApiPropertyOptional({
    description: 'Recorded before (ISO-8601 date or date-time; UTC unless it gives an offset); later than `from`',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsTrailInstant()
  @IsAfterField('from')
  to?: string;

  @ApiPropertyOptional({
    description: `Comma-separated actions, e.g. \`case-viewed,search\`; each one of ${TRAIL_ACTIONS.join(', ')}`,
  })
  @IsOptional()
  @IsTrailActionList()
  @IsShortActionList()
  action?: string;

  @ApiPropertyOptional({
    description:
      'The `next` of the previous page (`<position>-<through>`): the walk goes on after that position and ends ' +
      'where its first page found the log',
  })
  @IsOptional()
  @IsLogPosition()
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Or send `Accept: text/csv`' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
