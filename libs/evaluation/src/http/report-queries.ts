import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsCalendarDate } from '../../../case-lifecycle/src/http/dto/calendar-date.validator';
import { IsDayNotAfterToday } from '../../../case-lifecycle/src/http/dto/day-not-after-today.validator';
import { QueryNumber } from '../../../platform/src/http/query-number';
import { NumberIn } from './number-in-range';

export const REPORT_FORMATS = ['json', 'csv'] as const;

/** A period by occurredAt (UK calendar days) and the answer's format. */
export class ReportPeriodQuery {
  @ApiProperty({ example: '2024-01-01', description: 'First day of the period (inclusive)' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2024-12-31', description: 'Last day of the period (inclusive)' })
  @IsCalendarDate()
  to!: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv also answers to Accept: text/csv' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: (typeof REPORT_FORMATS)[number];
}

export class MaracRepeatRateQuery extends ReportPeriodQuery {
  @ApiPropertyOptional({
    example: 120000,
    type: 'integer',
    minimum: 1,
    maximum: 100_000_000,
    description: "Adult female population of the MARAC's area, for cases per 10,000 adult women",
  })
  @IsOptional()
  @QueryNumber()
  @NumberIn({ min: 1, max: 100_000_000, whole: true })
  population?: number;
}

/** An alternative IOM eligibility policy as query parameters (thresholds in percent, inclusive). */
export class CounterfactualQuery extends ReportPeriodQuery {
  @ApiProperty({ example: 75, minimum: 0, maximum: 100, description: 'OGRS 2-year score that qualifies on its own' })
  @QueryNumber()
  @NumberIn({ min: 0, max: 100 })
  ogrsAlone!: number;

  @ApiPropertyOptional({
    example: 50,
    minimum: 0,
    maximum: 100,
    description: 'Lower OGRS score that qualifies with robbery/burglary; omit to turn that route off',
  })
  @IsOptional()
  @QueryNumber()
  @NumberIn({ min: 0, max: 100 })
  ogrsWithRobberyOrBurglary?: number;

  @ApiProperty({ example: 0, minimum: 0, maximum: 100, description: 'OVP 2-year minimum (0: any OVP)' })
  @QueryNumber()
  @NumberIn({ min: 0, max: 100 })
  ovpMinimum!: number;

  @ApiPropertyOptional({
    example: 'any-ovp',
    pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
    description: "A name for the alternative policy (default 'alternative')",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/)
  policy?: string;
}

export class CohortAsOfQuery {
  @ApiProperty({ example: 'MARAC', description: 'Panel code' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9-]{0,31}$/)
  panel!: string;

  @ApiProperty({
    example: '2024-03-31',
    description:
      'The day (UK calendar date) whose end the cohort is taken at; today or earlier (400 `dayNotAfterToday` for a day still to come)',
  })
  @IsCalendarDate()
  @IsDayNotAfterToday()
  asOf!: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv also answers to Accept: text/csv' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: (typeof REPORT_FORMATS)[number];
}
