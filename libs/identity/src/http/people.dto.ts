import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { QueryNumber } from '../../../platform/src/http/query-number';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../domain/identifiers';

export class ReviewDecisionDto {
  @ApiProperty({ example: 'Same NHS number on the GP letter; nickname Bob for Robert' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class SplitPersonDto {
  @ApiProperty({ example: 'Merged in error: twins with the same date of birth and address' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    description:
      'A person id merged into this one: it is restored with every record and case it had before the merge, and takes those linked to this person while the two were one that are theirs, and the people other reviews merged in meanwhile that are theirs (by an equal identifier, or the matcher). Or a person split off this one: what that split moved (records and cases) comes back, while they hold exactly that',
  })
  @IsOptional()
  @IsUUID()
  restore?: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Records (see `records` on GET /v1/people/{id}) to move to the restored person, or to a new person. On a restore, once it, `caseIds` or `personIds` is given (even empty), they answer for the records linked while merged, and the people merged in meanwhile, that no identifier or score placed: those named (a record also by its case, a person also by one of their records or cases) go back, the others stay',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  recordIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Cases to move with them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID(undefined, { each: true })
  caseIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'Only with `restore` of a person merged into this one: people other reviews merged into this person while the two were one, that no identifier or score placed, going back to the restored person with every record and case they hold (the 409 `records-linked-while-merged` names them, `field: personIds`). Given (even empty), those not named stay with this person, as with `recordIds`',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID(undefined, { each: true })
  personIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    enum: IDENTIFIER_KINDS,
    description:
      'Identifier kinds (of `pnc`, `cro`, `nhsNumber`, `noms`, `crn`) you state were recorded in error on the records on one side of this split: a PNC ID typed as another person’s, which linked his record to her. A split that would leave one valid value of those kinds on records on both sides (409 `records-share-an-identifier`) then goes through, and the `person-split` event and the answer carry the kinds. 403 `split-within-your-panels` unless every record carrying the value, on both sides, came from your panels (admins may always). 400 naming this field for a kind not of those, or one whose values this split leaves on one side only. Both people then hold the value: it decides no later referral between them',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(IDENTIFIER_KINDS.length)
  @IsIn(IDENTIFIER_KINDS, {
    each: true,
    message: `identifiersInError takes identifier kinds: each must be one of ${IDENTIFIER_KINDS.join(', ')}`,
  })
  identifiersInError?: IdentifierKind[];
}

/** A page's `limit`: 1 to 500, `defaultLimit` when absent. */
const PageLimit = (defaultLimit: number): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: defaultLimit }),
    IsOptional(),
    QueryNumber(),
    IsInt(),
    Min(1),
    Max(500),
  );

export class ReviewListQuery {
  @PageLimit(50)
  limit?: number;

  // A position, not a review id: it stays where the page ended when that review is decided meanwhile.
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'The `next` of the previous page: the queue continues after the review recorded there',
  })
  @IsOptional()
  @QueryNumber()
  @IsInt({ message: 'after must be the `next` of a previous page (a whole number)' })
  @Min(0, { message: 'after must be the `next` of a previous page (0 or more)' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'after must be the `next` of a previous page (at most 2^53-1)' })
  after?: number;
}

export class OverlapsQuery {
  @PageLimit(100)
  limit?: number;

  // The page's last person id: anything else cannot be where a page ended.
  @ApiPropertyOptional({ format: 'uuid', description: 'The `next` of the previous page' })
  @IsOptional()
  @IsUUID('all', { message: 'cursor must be the `next` of a previous page (a person id)' })
  cursor?: string;
}
