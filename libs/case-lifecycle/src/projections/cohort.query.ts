import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RAG_RATINGS } from '../domain';
import { IsCalendarDate } from '../http/dto/calendar-date.validator';
import { IDVA_SUPPORT_PRECEDENCE } from './cohort-idva';
import { ENFORCEMENT_FILTERS } from './cohort-non-engagement';
import { QueryNumber } from '../../../platform/src/http/query-number';

export const ELIGIBILITY_FILTERS = [
  'eligible',
  'not-eligible',
  'adopted',
  'rejected',
  'discretionary',
  'eligible-not-adopted',
] as const;

/** MARAC: IDVA support as the item shows it, or `none` recorded. */
export const IDVA_FILTERS = [...IDVA_SUPPORT_PRECEDENCE, 'none'] as const;

export class CohortQuery {
  @ApiPropertyOptional({ description: "The person's current status (panel registry values)" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  status?: string;

  @ApiPropertyOptional({ enum: RAG_RATINGS })
  @IsOptional()
  @IsIn(RAG_RATINGS)
  rag?: (typeof RAG_RATINGS)[number];

  @ApiPropertyOptional({ description: 'Only cases with an overdue action or follow-up', enum: ['true', 'false'] })
  @IsOptional()
  @IsBooleanString()
  overdue?: string;

  @ApiPropertyOptional({ enum: ELIGIBILITY_FILTERS, description: 'IOM eligibility / adoption state' })
  @IsOptional()
  @IsIn(ELIGIBILITY_FILTERS)
  eligibility?: (typeof ELIGIBILITY_FILTERS)[number];

  @ApiPropertyOptional({ enum: IDVA_FILTERS, description: "MARAC: the case's IDVA support; `none`: none recorded" })
  @IsOptional()
  @IsIn(IDVA_FILTERS)
  idva?: (typeof IDVA_FILTERS)[number];

  @ApiPropertyOptional({
    enum: ENFORCEMENT_FILTERS,
    description: 'IOM: `background-checks`, cases not engaging for three months or more (by `nonEngagementSince`)',
  })
  @IsOptional()
  @IsIn(ENFORCEMENT_FILTERS)
  enforcement?: (typeof ENFORCEMENT_FILTERS)[number];

  @ApiPropertyOptional({ description: 'Next meeting on or before this date' })
  @IsOptional()
  @IsCalendarDate()
  nextReviewBefore?: string;

  @ApiPropertyOptional({ description: 'Name search: every word must appear in the name, in any order' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'The cohort as it stood at the end of this day, from history by occurredAt' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  // Bounded as the disclosure register's: a 20-digit offset is a mistake, not a page.
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: 1_000_000 })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
