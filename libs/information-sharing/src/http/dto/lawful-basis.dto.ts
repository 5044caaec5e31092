import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import {
  ARTICLE_6_CONDITIONS,
  ARTICLE_9_CONDITIONS,
  LAWFUL_BASIS_REGIMES,
  SCHEDULE_1_CONDITIONS,
  SCHEDULE_8_CONDITIONS,
  SECTION_35_BASES,
  STATUTORY_GATEWAYS,
} from '../../domain';

/**
 * Each value is checked against its list here; which fields a regime needs, and the
 * Art. 9/10 → Schedule 1 and Part 3 → Schedule 8 rules, are the domain's (lawful-basis.ts).
 */
export class LawfulBasisDto {
  @ApiProperty({ enum: LAWFUL_BASIS_REGIMES, example: 'uk-gdpr' })
  @IsIn(LAWFUL_BASIS_REGIMES)
  regime!: string;

  @ApiPropertyOptional({ enum: ARTICLE_6_CONDITIONS, description: 'uk-gdpr: Art. 6(1) condition' })
  @IsOptional()
  @IsIn(ARTICLE_6_CONDITIONS)
  article6?: string;

  @ApiPropertyOptional({ enum: ARTICLE_9_CONDITIONS, description: 'uk-gdpr: Art. 9(2) condition (special category)' })
  @IsOptional()
  @IsIn(ARTICLE_9_CONDITIONS)
  article9?: string;

  @ApiPropertyOptional({ description: 'uk-gdpr: criminal-offence data (Art. 10)' })
  @IsOptional()
  @IsBoolean()
  article10?: boolean;

  @ApiPropertyOptional({
    enum: SCHEDULE_1_CONDITIONS,
    isArray: true,
    description:
      'uk-gdpr: DPA 2018 Sch. 1; only with an article9 condition or article10: true (400 `schedule-1-needs-article-9-or-10`)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SCHEDULE_1_CONDITIONS.length)
  @IsIn(SCHEDULE_1_CONDITIONS, { each: true })
  schedule1?: string[];

  @ApiPropertyOptional({ enum: SECTION_35_BASES, description: 'dpa-2018-part-3: s35(2) basis' })
  @IsOptional()
  @IsIn(SECTION_35_BASES)
  section35?: string;

  @ApiPropertyOptional({ description: 'dpa-2018-part-3: sensitive processing (s35(8))' })
  @IsOptional()
  @IsBoolean()
  sensitiveProcessing?: boolean;

  @ApiPropertyOptional({
    enum: SCHEDULE_8_CONDITIONS,
    description:
      'dpa-2018-part-3: DPA 2018 Sch. 8; only with sensitiveProcessing: true (400 `schedule-8-needs-sensitive-processing`)',
  })
  @IsOptional()
  @IsIn(SCHEDULE_8_CONDITIONS)
  schedule8?: string;

  @ApiPropertyOptional({
    enum: STATUTORY_GATEWAYS,
    description: 'Either regime: the statutory power to share relied on (a power, not a duty; not a basis by itself)',
  })
  @IsOptional()
  @IsIn(STATUTORY_GATEWAYS)
  statutoryGateway?: string;
}
