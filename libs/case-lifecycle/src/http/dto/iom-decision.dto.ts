import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IOM_DISCRETION_CATEGORIES, IOM_REJECTION_CATEGORIES } from '../../domain';
import { RecordedFactDto } from './case-work.dto';

/** A decision with a category from a fixed list (what analysts count) and, optionally, the panel's words. */
function categorisedDecision<Category extends string>(categories: readonly Category[], why: string) {
  class CategorisedDecisionDto extends RecordedFactDto {
    @ApiProperty({ enum: categories, description: why })
    @IsIn(categories)
    category!: Category;

    @ApiPropertyOptional({
      description:
        "The panel's own words, kept on the case for the panel and audit, never given to analysts; " +
        'required when `category` is `other` (400 `iom-reason-for-other`)',
    })
    @IsOptional()
    @IsString()
    @MaxLength(5000)
    reason?: string;
  }
  return CategorisedDecisionDto;
}

export class IomRejectionDto extends categorisedDecision(
  IOM_REJECTION_CATEGORIES,
  'Why the panel does not manage the case: what analysts count',
) {}

export class IomDiscretionDto extends categorisedDecision(
  IOM_DISCRETION_CATEGORIES,
  'Which local priority brings a non-eligible case onto the cohort: what analysts count',
) {}
