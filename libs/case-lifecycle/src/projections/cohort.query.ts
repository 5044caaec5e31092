import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import { RAG_RATINGS } from '../domain';
import { IsCohortCursor } from './cohort-cursor';
import { IsCalendarDate } from '../http/dto/calendar-date.validator';
import { IsDayNotAfterToday } from '../http/dto/day-not-after-today.validator';
import { IDVA_SUPPORT_PRECEDENCE } from './cohort-idva';
import { ENFORCEMENT_FILTERS } from './cohort-non-engagement';
import { QueryNumber } from '../../../platform/src/http/query-number';

export const ELIGIBILITY_FILTERS = [
  'eligible',
  'not-eligible',
  'not-assessed',
  'adopted',
  'rejected',
  'discretionary',
  'eligible-not-adopted',
] as const;

/** MARAC: IDVA support as the item shows it, or `none` recorded. */
export const IDVA_FILTERS = [...IDVA_SUPPORT_PRECEDENCE, 'none'] as const;

/**
 * `true` or `false`, as the filter reads it (rule `isBooleanString`, as before). class-validator's
 * own check also passed `1` and `0`, which the filter then took for "no filter": `overdue=1`
 * answered every case.
 */
function IsTrueOrFalse(): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isBooleanString',
      target: target.constructor,
      propertyName: String(propertyKey),
      options: { message: `${String(propertyKey)} must be true or false` },
      validator: { validate: (value: unknown) => value === 'true' || value === 'false' },
    });
}

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

  @ApiPropertyOptional({
    description:
      '`true`: only cases with an overdue action or follow-up; `false` or absent: no filter. Anything else (`1`, `yes`) is refused with 400',
    enum: ['true', 'false'],
  })
  @IsOptional()
  @IsTrueOrFalse()
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ELIGIBILITY_FILTERS,
    description:
      'IOM eligibility / adoption state. `not-assessed`: open cases with no OGRS/OVP scores evaluated (a referral form without them)',
  })
  @IsOptional()
  @IsIn(ELIGIBILITY_FILTERS)
  eligibility?: (typeof ELIGIBILITY_FILTERS)[number];

  @ApiPropertyOptional({ enum: IDVA_FILTERS, description: "MARAC: the case's IDVA support; `none`: none recorded" })
  @IsOptional()
  @IsIn(IDVA_FILTERS)
  idva?: (typeof IDVA_FILTERS)[number];

  @ApiPropertyOptional({
    enum: ENFORCEMENT_FILTERS,
    description:
      'IOM: `background-checks`, cases not engaging for three months or more (by `nonEngagementSince`); `media-appeal`, cases unlocated for six calendar months or more (by `unlocatedSince`)',
  })
  @IsOptional()
  @IsIn(ENFORCEMENT_FILTERS)
  enforcement?: (typeof ENFORCEMENT_FILTERS)[number];

  @ApiPropertyOptional({ description: 'Next meeting on or before this date' })
  @IsOptional()
  @IsCalendarDate()
  nextReviewBefore?: string;

  @ApiPropertyOptional({
    description:
      "Name search: every word must appear in one name or alias the panel's referrals recorded for the person, in any order; case, accents and apostrophes are ignored and ß is read as ss (`obrien` finds O'Brien, `strasse` Straße). A one-word alias (a maiden name, a street name) is searched with the same record's forenames and with its surname too: `sarah pritchard` and `pritchard smithson` find Sarah Smithson recorded with the alias Pritchard",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    description:
      'The cohort as it stood at the end of this day, from history by occurredAt; today (UK) or earlier (400 `dayNotAfterToday` for a day still to come). For today it also holds facts dated up to five minutes past now (the clock skew every recorded step may have), as the live tracker does.',
  })
  @IsOptional()
  @IsCalendarDate()
  @IsDayNotAfterToday()
  asOf?: string;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({
    description:
      "The previous page's `next.after`: the page starts strictly after that page's last case, whatever was closed, declined or referred meanwhile (`offset` may skip or repeat a case then). Wins over `offset`, as `next` gives both",
  })
  @IsOptional()
  @IsCohortCursor()
  after?: string;

  // Bounded as the disclosure register's: a 20-digit offset is a mistake, not a page.
  @ApiPropertyOptional({
    type: 'integer',
    default: 0,
    minimum: 0,
    maximum: 1_000_000,
    description: 'Cases to skip; ignored with `after`. Stable only while the list does not change: prefer `after`',
  })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
