import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from './calendar-date.validator';
import { RecordedFactDto } from './case-work.dto';
import { IsValidIdentifier } from './identifier.validator';

export const SEXES = ['female', 'male', 'other', 'not-known'] as const;

/** Null is not "absent": a value that must be text when given is refused as null, not taken for none. */
const given = (_: object, value: unknown): boolean => value !== undefined;

/**
 * No identifier carries an example value: a value printed here is copied into forms, and every
 * person given it would then be taken for one (as `X123456` once was).
 */
export class PersonIdentifiersDto {
  @ApiPropertyOptional({
    description:
      'Police National Computer id, `YYYY/NNNNNNNC` or `YY/NNNNNNNC`; check character verified (400 `isValid-pnc`). Serial 0 (`00/0000000Z`) passes the check but is a placeholder: 400 `placeholder-identifier`; leave the field out instead',
  })
  @ValidateIf(given)
  @IsValidIdentifier('pnc')
  pnc?: string;

  @ApiPropertyOptional({
    description:
      'Criminal Records Office number, `NNNNNN/YYC` or `SF YY/NNNNNNC`; check character verified (400 `isValid-cro`). Serial 0 (`000000/00Z`) is a placeholder: 400 `placeholder-identifier`',
  })
  @ValidateIf(given)
  @IsValidIdentifier('cro')
  cro?: string;

  @ApiPropertyOptional({
    description:
      'NHS number, 10 digits; modulus 11 verified (400 `isValid-nhsNumber`). One digit repeated (`0000000000` … `9999999999`), `0123456789` and `9876543210` pass modulus 11 but are placeholders: 400 `placeholder-identifier`; leave the field out when the number is not known',
  })
  @ValidateIf(given)
  @IsValidIdentifier('nhsNumber')
  nhsNumber?: string;

  @ApiPropertyOptional({
    description:
      'Prison (NOMS) number: one letter, four digits, two letters (400 `isValid-noms`). The four digits all 0 or all 9 (`A0000AA`, `A9999ZZ`), or the textbook example `A1234BC`, are placeholders: 400 `placeholder-identifier`; leave the field out when the number is not known',
  })
  @ValidateIf(given)
  @IsValidIdentifier('noms')
  noms?: string;

  @ApiPropertyOptional({
    description:
      'Probation case reference number (CRN): one letter, six digits (400 `isValid-crn`). The six digits all 0 or all 9 (`X000000`, `X999999`), or the textbook example `X123456`, are placeholders: 400 `placeholder-identifier`; leave the field out when the reference is not known',
  })
  @ValidateIf(given)
  @IsValidIdentifier('crn')
  crn?: string;
}

/** Given and not null: null removes the value, so only text is checked as an identifier. */
const setting = (_: object, value: unknown): boolean => value !== undefined && value !== null;

const REMOVES = ' `null` removes the value from the record, as recorded in error.';

/**
 * Identifiers corrected through a case: a value is checked exactly as a referral's is, and null
 * takes the value off the record. Descriptions repeat the referral's rules: a client reads one field.
 */
export class CorrectedIdentifiersDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'PNC ID, `YYYY/NNNNNNNC` or `YY/NNNNNNNC`; check character verified (400 `isValid-pnc`); serial 0 is a placeholder (400 `placeholder-identifier`).' +
      REMOVES,
  })
  @ValidateIf(setting)
  @IsValidIdentifier('pnc')
  pnc?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'CRO number, `NNNNNN/YYC` or `SF YY/NNNNNNC`; check character verified (400 `isValid-cro`); serial 0 is a placeholder (400 `placeholder-identifier`).' +
      REMOVES,
  })
  @ValidateIf(setting)
  @IsValidIdentifier('cro')
  cro?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'NHS number, 10 digits; modulus 11 verified (400 `isValid-nhsNumber`); repeated or sequential digits are placeholders (400 `placeholder-identifier`).' +
      REMOVES,
  })
  @ValidateIf(setting)
  @IsValidIdentifier('nhsNumber')
  nhsNumber?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Prison (NOMS) number: one letter, four digits, two letters (400 `isValid-noms`); placeholders refused (400 `placeholder-identifier`).' +
      REMOVES,
  })
  @ValidateIf(setting)
  @IsValidIdentifier('noms')
  noms?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'Probation case reference number (CRN): one letter, six digits (400 `isValid-crn`); placeholders refused (400 `placeholder-identifier`).' +
      REMOVES,
  })
  @ValidateIf(setting)
  @IsValidIdentifier('crn')
  crn?: string | null;
}

export class PersonDto {
  @ApiProperty({ example: 'Jordan Lee' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  forenames!: string;

  @ApiProperty({ example: 'Okafor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  surname!: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Other names the person is known by (at most 20, each up to 200 characters): a full name, read as forenames and a ' +
      'surname (the last word), or one word given alone: a street name ("Tiny") or a maiden or former surname ' +
      '("Jones"). One word is kept as given and matched both ways, as a forename with the recorded surname and as a ' +
      "surname with the recorded forenames, by the tracker's name search as well. A blank alias is refused with 400 naming it.",
    example: ['JJ Okafor', 'Tiny', 'Jones'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];

  @ApiProperty({ example: '1990-04-12' })
  @IsCalendarDate()
  dateOfBirth!: string;

  @ApiPropertyOptional({ enum: SEXES })
  @IsOptional()
  @IsIn(SEXES)
  sex?: (typeof SEXES)[number];

  @ApiPropertyOptional({
    example: 'N17 6AB',
    description:
      'Kept as written. Matching reads `NFA`, `N/A`, `UNKNOWN` (any value without a digit) and the NHS pseudo-postcodes `ZZ99 …` as no postcode, a district (`N17`), sector (`N17 6`) or BFPO number as that part only',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  postcode?: string;

  @ApiPropertyOptional({
    description:
      'First line(s), kept as written. Matching reads "No fixed abode", "NFA", "Not known", "Address withheld" and the like as no address',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ description: 'Ethnicity as recorded (e.g. 2021 census category)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ethnicity?: string;

  @ApiPropertyOptional({ type: PersonIdentifiersDto })
  @ValidateIf((_, value) => value !== undefined) // null is not "absent": it must be refused, not crash
  @IsObject()
  @ValidateNested()
  @Type(() => PersonIdentifiersDto)
  identifiers?: PersonIdentifiersDto;
}

/** A number to ring the victim on safely: digits, spaces, +, ( ) and -, 6 to 20 characters. */
export const SAFE_CONTACT_NUMBER = /^\+?[0-9 ()-]{6,20}$/;
export const SAFE_CONTACT_NUMBER_RULE = 'safeContactNumber must be a phone number: 6–20 digits, spaces, +, ( ) or -';

/** The person a referral is about: the victim on MARAC, who may need an interpreter or adjustments. */
export class ReferredPersonDto extends PersonDto {
  @ApiPropertyOptional({
    example: '07700 900123',
    description: 'MARAC only: a number the victim can safely be called on; shown to MARAC members only',
  })
  @IsOptional()
  @IsString()
  @Matches(SAFE_CONTACT_NUMBER, { message: SAFE_CONTACT_NUMBER_RULE })
  safeContactNumber?: string;

  @ApiPropertyOptional({
    example: 'hearing impaired: prefers text',
    description: 'Disability, as the person describes it',
  })
  @ValidateIf(given)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  disability?: string;

  @ApiPropertyOptional({ example: 'Polish (interpreter needed)', description: 'Preferred language' })
  @ValidateIf(given)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  language?: string;
}

/**
 * New details of the person a case is about, recorded without a new referral. Address and
 * postcode are re-declared: here they must not be empty, unlike on a referral's person.
 */
export class CasePersonDetailsDto extends IntersectionType(
  PickType(ReferredPersonDto, ['safeContactNumber', 'disability', 'language'] as const),
  RecordedFactDto,
) {
  @ApiPropertyOptional({ example: 'Flat 2, 1 Example Road' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ example: 'N17 6AB' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  postcode?: string;

  @ApiPropertyOptional({
    type: CorrectedIdentifiersDto,
    description:
      'Corrects the identifiers on the record the case’s own referral brought in: a value sets it (checked as on a referral), `null` removes it (409 `identifier-not-on-record` naming the field when that record holds none of that kind). Needs `reason`. Beside other details that go on another record (the panel’s first), 400 `identifiers-sent-alone`.',
  })
  @ValidateIf(given) // null is not "absent": it must be refused, not crash
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectedIdentifiersDto)
  identifiers?: CorrectedIdentifiersDto;

  @ApiPropertyOptional({
    description:
      'Why the identifiers are corrected: required with `identifiers` and not blank (400 `reason-with-identifiers` naming `reason`), kept on the event, trimmed, for audit',
  })
  @ValidateIf(given)
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason?: string;

  // Only the documentation differs from RecordedFactDto's (validation is inherited): this route
  // refuses a date before the referral or in the future, and clients should read that before they are refused.
  @ApiPropertyOptional({
    description: "When the details became known (default: now); not before the case's referral day, not in the future",
  })
  declare occurredAt?: string;
}

/** A MARAC perpetrator's identifiers, corrected on the record the case's referral brought in for him. */
export class PerpetratorIdentifiersDto extends RecordedFactDto {
  @ApiProperty({
    type: CorrectedIdentifiersDto,
    description:
      'A value sets one, checked as on a referral; `null` removes one recorded in error (409 `identifier-not-on-record` naming the field when his record holds none of that kind). At least one (400 `one-field-required`).',
    // A removal, never a value: a value printed here would be copied into forms.
    example: { pnc: null },
  })
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectedIdentifiersDto)
  identifiers!: CorrectedIdentifiersDto;

  @ApiProperty({
    description:
      'Why the identifiers are corrected: not blank (400 `reason-with-identifiers` naming `reason`), kept on the event, trimmed, for audit',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;

  @ApiPropertyOptional({
    description:
      "When the correction became known (default: now); not before the case's referral day, not in the future",
  })
  declare occurredAt?: string;
}
