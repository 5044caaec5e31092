import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RAG_RATINGS } from '../domain';
import { IsCalendarDate } from '../http/dto/calendar-date.validator';

export const ELIGIBILITY_FILTERS = [
  'eligible',
  'not-eligible',
  'adopted',
  'rejected',
  'discretionary',
  'eligible-not-adopted',
] as const;

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

  @ApiPropertyOptional({ description: 'Next meeting on or before this date' })
  @IsOptional()
  @IsCalendarDate()
  nextReviewBefore?: string;

  @ApiPropertyOptional({ description: 'Free-text name search' })
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
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
