import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsObject,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsInstant } from './calendar-date.validator';
import { PersonDto, ReferredPersonDto } from './person.dto';
import { IOM_REFERRAL_FORM_STATUSES, IOM_REFERRAL_ROUTES } from '../../domain/vocabulary/iom';
import { GivenOnRoute, GivenWithTheOtherScores, scoresExpected } from './iom-scores.dto';

export class ReferrerDto {
  @ApiProperty({ example: 'Alex Morgan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'Haringey Children’s Services' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agency!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;
}

export class ConsentDto {
  @ApiProperty()
  @IsBoolean()
  given!: boolean;

  @ApiPropertyOptional({ description: 'Required when consent is not given: why sharing without consent is justified' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  justification?: string;
}

export class ChildDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  forenames?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  surname?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string;
}

export const MARAC_CRITERIA = [
  'visible-high-risk',
  'professional-judgement',
  'potential-escalation',
  'repeat',
] as const;

export class MaracReferralDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 24,
    description:
      "DASH risk checklist score (24 questions); visible high risk at or above the MARAC's `dashThreshold` (14 unless the area configured it; `GET /v1/panels`)",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24)
  dashScore?: number;

  @ApiProperty({ enum: MARAC_CRITERIA, isArray: true })
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(MARAC_CRITERIA, { each: true })
  criteria!: (typeof MARAC_CRITERIA)[number][];

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  policeCallouts12m?: number;

  @ApiProperty({
    example: '2024-05-01T22:15:00Z',
    description:
      'When the incident referred happened, not after `referredAt`. A repeat is judged on it: an incident from the UK day of the victim’s last MARAC referral to its anniversary makes this referral a repeat',
  })
  @IsInstant()
  incidentAt!: string;

  @ApiProperty({ type: ConsentDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent!: ConsentDto;

  @ApiPropertyOptional({
    type: PersonDto,
    description:
      'The perpetrator, when known. 422 `marac-perpetrator-not-victim` when the form names the victim again: her name and birth date, or details the matcher takes for hers with nothing to tell them apart (a birth date equal to hers, one digit from it or with day and month swapped, or an agreeing identifier). A perpetrator who shares her name and home with another birth date is recorded as a person of his own, never joined to her record; the case keeps the two apart (never proposed as one)',
  })
  @ValidateIf((_, value) => value !== undefined) // null is not "absent": it must be refused, not crash
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  perpetrator?: PersonDto;

  @ApiPropertyOptional({ example: 'ex-partner', description: "The perpetrator's relationship to the victim" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  relationshipToVictim?: string;

  @ApiPropertyOptional({ type: [ChildDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ChildDto)
  children?: ChildDto[];

  @ApiPropertyOptional({ example: '01/123456/24', description: 'Police crime reference number' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  crimeReference?: string;

  @ApiPropertyOptional({
    example: '2023-11-20',
    description: "The referrer's previous MARAC date, as known (possibly another area's); not after the referral",
  })
  @IsOptional()
  @IsCalendarDate()
  previousMaracDate?: string;

  @ApiPropertyOptional({
    example: 'Heard at Barnet MARAC in 2023',
    description: 'Involvement with another area’s MARAC',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  otherAreaMarac?: string;
}

export const IOM_ROUTES = IOM_REFERRAL_ROUTES;
export const IOM_STATUSES = IOM_REFERRAL_FORM_STATUSES;

const SCORES_WHEN =
  'Required on routes `probation-core-cohort-upload` and `core-partner` (400 `iom-scores-on-route`). ' +
  'On `referral-form` optional, as any agency may use the form and only probation holds the scores: give OGRS, OVP and ' +
  'the robbery/burglary flag together (400 `iom-scores-together` naming each one missing) or none. Without them the case ' +
  'is not assessed (no evaluation) until scores are recorded (`POST /v1/cases/{caseId}/iom/scores`)';

export class IomReferralDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: `OGRS 2-year score, percent. ${SCORES_WHEN}` })
  @ValidateIf(scoresExpected)
  @GivenOnRoute()
  @GivenWithTheOtherScores()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  ogrs2?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: `OVP 2-year score, percent. ${SCORES_WHEN}` })
  @ValidateIf(scoresExpected)
  @GivenOnRoute()
  @GivenWithTheOtherScores()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  ovp2?: number;

  @ApiPropertyOptional({
    description: `A robbery or burglary offence in the last 2 years spent in the community. ${SCORES_WHEN}`,
  })
  @ValidateIf(scoresExpected)
  @GivenOnRoute()
  @GivenWithTheOtherScores()
  @IsBoolean()
  robberyOrBurglaryLast2Years?: boolean;

  @ApiProperty({
    enum: IOM_ROUTES,
    description: '`referral-form`: the form any agency can use, which may leave the OGRS/OVP scores out',
  })
  @IsIn(IOM_ROUTES)
  route!: (typeof IOM_ROUTES)[number];

  @ApiProperty({ enum: IOM_STATUSES })
  @IsIn(IOM_STATUSES)
  currentStatus!: (typeof IOM_STATUSES)[number];
}

export class AllianceReferralDto {
  @ApiProperty({ example: 'Wood Green custody suite' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  custodySuite!: string;

  @ApiProperty({
    example: 'Haringey',
    description:
      "Borough of residence, as typed. A home borough of the scheme (Enfield, Haringey) is recognised wherever its name appears as a word, ignoring case and punctuation, so 'Haringey', 'haringey.', 'LB Haringey', 'London Borough of Enfield', 'Haringey Council', 'Enfield, London' and 'Tottenham, Haringey' all name one; 'Enfieldshire' does not. " +
      'A child whose residence names a home borough lives in the area: the out-of-area MASH outcome is refused for them (422 `alliance-out-of-area-residence`) and the evaluation counts them under that borough. ' +
      'Any residence naming neither is out of area (`other`). A home borough named as a street, the street word right after it ("12 Enfield Road, Hackney", "Enfield St"), does not count; after punctuation it does ("Haringey, St Ann’s ward" is Haringey). ' +
      'The City of London counts only named on its own, no word after it in the same part ("N17 Haringey (City of London school)" is Haringey). ' +
      'A text naming a home borough and another London borough ("Barnet, near Enfield", "Hackney (school in Haringey)", "Haringey, formerly Enfield") is refused, 400 `alliance-residence-ambiguous` naming `alliance.residence`, nothing written: type the one borough the child lives in. ' +
      'Correct it later with `POST /v1/cases/{caseId}/alliance-residence`.',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  residence!: string;

  @ApiProperty({ nullable: true, type: Boolean, description: 'null when not checked' })
  @ValidateIf((_, value) => value !== null)
  @IsBoolean()
  knownToYos!: boolean | null;
}

export const PANEL_BLOCKS = { MARAC: 'marac', IOM: 'iom', ALLIANCE: 'alliance' } as const;

export class MakeReferralDto {
  @ApiProperty({ example: 'MARAC', description: 'Panel code from the registry (IOM, MARAC, ALLIANCE, …)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  panel!: string;

  @ApiProperty({
    example: '2024-05-02T09:00:00Z',
    description:
      'When the referral was made. Not later than now beyond five minutes of clock skew, for every panel: ' +
      '400 naming `referredAt`, rule `marac-referral-not-in-future` (MARAC), `alliance-not-in-future` (Alliance) or ' +
      '`referral-not-in-future` (IOM and generic panels). Every later step on the case is dated from its UK day on.',
  })
  @IsInstant()
  referredAt!: string;

  @ApiProperty({ type: ReferrerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ReferrerDto)
  referrer!: ReferrerDto;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;

  @ApiProperty({ type: ReferredPersonDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ReferredPersonDto)
  person!: ReferredPersonDto;

  @ApiPropertyOptional({ type: MaracReferralDto })
  @ValidateIf((_, value) => value !== undefined) // null is not "absent": it must be refused, not crash
  @IsObject()
  @ValidateNested()
  @Type(() => MaracReferralDto)
  marac?: MaracReferralDto;

  @ApiPropertyOptional({ type: IomReferralDto })
  @ValidateIf((_, value) => value !== undefined) // null is not "absent": it must be refused, not crash
  @IsObject()
  @ValidateNested()
  @Type(() => IomReferralDto)
  iom?: IomReferralDto;

  @ApiPropertyOptional({ type: AllianceReferralDto })
  @ValidateIf((_, value) => value !== undefined) // null is not "absent": it must be refused, not crash
  @IsObject()
  @ValidateNested()
  @Type(() => AllianceReferralDto)
  alliance?: AllianceReferralDto;
}
