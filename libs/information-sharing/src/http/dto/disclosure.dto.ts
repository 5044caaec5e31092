import { IsNotBlank } from '../../../../platform/src/http/named-rule';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../../../case-lifecycle/src/http/dto/calendar-date.validator';
import { DISCLOSABLE_FIELDS } from '../../domain';
import { LawfulBasisDto } from './lawful-basis.dto';
import { RecordedFactDto } from './sharing-agreement.dto';
import { QueryNumber } from '../../../../platform/src/http/query-number';

export class RecipientDto {
  @ApiProperty({ description: "The receiving user's id (token subject)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  id!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class ConsentDto {
  @ApiProperty()
  @IsBoolean()
  given!: boolean;

  @ApiPropertyOptional({
    description:
      'Sharing without consent: required, why sharing without it is justified (400 `justification-required`). ' +
      'A decision not to share needs none: her refusal may be the reason; a note given is kept',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  justification?: string;
}

/** What sharing and withholding have in common: to whom, about whom, what. */
export class DisclosureSubjectDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'Client-chosen id (uuid) so a retry cannot record it twice' })
  @IsOptional()
  @IsUUID()
  disclosureId?: string;

  @ApiProperty({ example: 'Haringey Council' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  toAgency!: string;

  @ApiPropertyOptional({
    type: RecipientDto,
    description:
      "Narrows the disclosure to one user of that agency: it opens the case or person to them alone, and is in the register of them (not of their colleagues), the recorder, the case's panel, auditors and admins",
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecipientDto)
  toUser?: RecipientDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  personId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({
    example: 'MARAC',
    description:
      'The panel you act for. Required without `caseId` (400 `panel-required`): one of your panels (400 `panel-member`) ' +
      'with a case for the person (400 `panel-has-case-for-person`); only that panel’s members (with the recorder, ' +
      'the recipient of a share, auditors and admins) see the entry. With `caseId` it is the case’s panel: ' +
      'omit it, or name the same (400 `panel-of-case`)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  panel?: string;

  @ApiProperty({ enum: DISCLOSABLE_FIELDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(DISCLOSABLE_FIELDS.length)
  @IsIn(DISCLOSABLE_FIELDS, { each: true })
  fields!: string[];

  @ApiProperty({
    example: 'Safety planning for the victim ahead of the MARAC meeting',
    description: 'Why the information is shared, or was asked for; kept trimmed (400 `purpose-required` when blank)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  purpose!: string;
}

export class ShareInformationDto extends DisclosureSubjectDto {
  @ApiPropertyOptional({ type: [String], description: 'Document references shared' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  documents?: string[];

  @ApiProperty({ type: LawfulBasisDto })
  @ValidateNested()
  @Type(() => LawfulBasisDto)
  lawfulBasis!: LawfulBasisDto;

  @ApiProperty({ description: 'The data sharing agreement the disclosure rests on' })
  @IsUUID()
  dsaId!: string;

  @ApiProperty({ type: ConsentDto })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent!: ConsentDto;

  @ApiPropertyOptional({ description: 'When the disclosed fields close again; omitted: until revoked' })
  @IsOptional()
  @IsInstant()
  expiresAt?: string;
}

export class WithholdInformationDto extends DisclosureSubjectDto {
  @ApiProperty({ description: 'Why the information is not shared; kept trimmed (400 `reason-required` when blank)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;

  @ApiPropertyOptional({
    description:
      'The data sharing agreement the decision is made under, if any. When given, `toAgency` is checked against it: ' +
      'it must exist (422 `dsa-exists`) and have `toAgency`, spelt as it has it, as a party at some time (422 ' +
      '`dsa-includes-both-parties` naming `toAgency`); it need not be in force. Omitted (as when no agreement names ' +
      'the agency that asked), nothing checks the name, so the entry is known of only by the disclosing agency’s ' +
      'case workers on its panel, its recorder, auditors and admins: never by another agency, however `toAgency` is spelt',
  })
  @IsOptional()
  @IsUUID()
  dsaId?: string;

  @ApiPropertyOptional({ type: ConsentDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
}

export class RevokeDisclosureDto extends RecordedFactDto {
  @ApiProperty({ description: 'Why the disclosure is revoked; kept trimmed (400 `reason-required` when blank)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;
}

/** The longest reason a panel correction keeps: a paragraph, not a file. */
const MAX_CORRECTION_REASON = 2000;

export class CorrectDisclosurePanelDto {
  @ApiProperty({
    example: 'MARAC',
    description:
      'A panel code of the panel registry (400 `panel-registered`) with a case for the person (400 ' +
      '`panel-has-case-for-person`); upper-cased',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  panel!: string;

  @ApiProperty({ description: 'Why the entry belongs to that panel (400 `reason-required` when blank)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_CORRECTION_REASON)
  reason!: string;
}

/** Far beyond any register's length; a larger offset is a mistake to report, not a page to look for. */
export const MAX_REGISTER_OFFSET = 1_000_000;

export class DisclosureRegisterQuery {
  // Person and case ids are only ever minted as UUIDs: anything else is a mistake to name, not an empty register.
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Entries about the person as the person index knows them now: on cases they hold now (after merges and splits), or about them alone under any id merged into them',
  })
  @IsOptional()
  @IsUUID('all')
  personId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  caseId?: string;

  @ApiPropertyOptional({
    description: 'Disclosures from or to this agency, folding case and spacing; not blank (400 `not-blank`)',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  agency?: string;

  @ApiPropertyOptional({ enum: ['shared', 'withheld'] })
  @IsOptional()
  @IsIn(['shared', 'withheld'])
  kind?: 'shared' | 'withheld';

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: MAX_REGISTER_OFFSET })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(0)
  // Bounded so that the database is never handed a number it cannot hold (a 500, not a 400).
  @Max(MAX_REGISTER_OFFSET)
  offset?: number;
}
