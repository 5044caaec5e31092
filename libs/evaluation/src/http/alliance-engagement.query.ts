import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../../case-lifecycle/src/http/dto/calendar-date.validator';
import { REPORT_FORMATS } from './report-queries';
import { QueryNumber } from '../../../platform/src/http/query-number';
import { NumberIn } from './number-in-range';

export class AllianceEngagementQuery {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, description: 'csv also answers to Accept: text/csv' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: (typeof REPORT_FORMATS)[number];

  @ApiProperty({ example: '2020-10-19', description: 'First day of the period (inclusive), by occurredAt' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2020-12-31', description: 'Last day of the period (inclusive)' })
  @IsCalendarDate()
  to!: string;

  @ApiPropertyOptional({
    example: 19200,
    minimum: 0,
    maximum: 1_000_000_000,
    description: 'Cost of the programme over the period, in pounds',
  })
  @IsOptional()
  @QueryNumber()
  @NumberIn({ min: 0, max: 1_000_000_000 })
  cost?: number;
}
