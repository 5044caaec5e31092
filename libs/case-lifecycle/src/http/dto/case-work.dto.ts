import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ALLIANCE_OUTCOMES,
  ATTENDANCE_STATUSES,
  ENGAGEMENT_LEVELS,
  INTERVENTION_KINDS,
  IOM_PATHWAYS,
  RAG_RATINGS,
} from '../../domain';
import { IsCalendarDate, IsInstant } from './calendar-date.validator';

/** Every recorded fact may be back-dated: a meeting held yesterday is recorded today. */
export class RecordedFactDto {
  @ApiPropertyOptional({ description: 'When it happened (ISO-8601); defaults to now', example: '2024-05-03T14:00:00Z' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
}

export class NoteDto extends RecordedFactDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

export class ReasonDto extends RecordedFactDto {
  @ApiProperty({ description: 'Why: kept on the record for the panel and for audit' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;
}

export class AgreeActionDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'Client-chosen id (uuid) so a retry cannot agree the action twice' })
  @IsOptional()
  @IsUUID()
  actionId?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ example: 'Probation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  ownerAgency!: string;

  @ApiProperty({ example: '2024-06-01' })
  @IsCalendarDate()
  dueBy!: string;

  @ApiPropertyOptional()
  @ValidateIf((_, value) => value !== undefined) // null is not "absent": it must be refused, not crash
  @IsUUID()
  meetingId?: string;
}

export class ArrangeInterventionDto extends RecordedFactDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  interventionId?: string;

  @ApiProperty({ example: 'boxing club' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  type!: string;

  @ApiProperty({ example: 'Tottenham Boxing Academy' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  provider!: string;

  @ApiPropertyOptional({ example: 'sport' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  pathway?: string;

  @ApiPropertyOptional({
    enum: INTERVENTION_KINDS,
    description:
      "`idva`: support by an independent domestic violence adviser or advocate (the MARAC tracker's IDVA column). " +
      'When absent, `idva` is recorded if `type` names an IDVA ("IDVA", "Idvas", "Independent Domestic Violence Adviser/Advisor/Advocate"), else none.',
  })
  @IsOptional()
  @IsIn(INTERVENTION_KINDS)
  kind?: (typeof INTERVENTION_KINDS)[number];
}

export class RecordEngagementDto extends NoteDto {
  @ApiProperty({ enum: ENGAGEMENT_LEVELS })
  @IsIn(ENGAGEMENT_LEVELS)
  level!: (typeof ENGAGEMENT_LEVELS)[number];
}

export class RateRiskDto extends RecordedFactDto {
  @ApiProperty({ enum: RAG_RATINGS })
  @IsIn(RAG_RATINGS)
  rating!: (typeof RAG_RATINGS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  rationale?: string;
}

export class ChangeStatusDto extends RecordedFactDto {
  @ApiProperty({ description: "A status from the panel's registry entry", example: 'in-breach-or-wanted' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  status!: string;
}

export class CloseCaseDto extends RecordedFactDto {
  @ApiProperty({
    description:
      "An exit status from the panel's registry entry (IOM: success, moved-out-of-area, death, long-custodial-sentence, other)",
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  exitStatus!: string;

  @ApiPropertyOptional({ description: 'Required for `other`' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  exitDetail?: string;
}

export class UpdatePathwaysDto extends RecordedFactDto {
  @ApiProperty({ enum: IOM_PATHWAYS, isArray: true })
  @IsArray()
  @ArrayMaxSize(IOM_PATHWAYS.length)
  @IsIn(IOM_PATHWAYS, { each: true })
  pathways!: (typeof IOM_PATHWAYS)[number][];
}

export class EngagementOutcomeDto {
  @ApiProperty({ enum: ALLIANCE_OUTCOMES })
  @IsIn(ALLIANCE_OUTCOMES)
  outcome!: (typeof ALLIANCE_OUTCOMES)[number];

  @ApiProperty({ example: '2020-11-03T16:20:00Z' })
  @IsInstant()
  occurredAt!: string;
}

export class CustodyReleaseDto {
  @ApiProperty({ description: 'When the child was released from custody', example: '2020-11-04T11:00:00Z' })
  @IsInstant()
  occurredAt!: string;
}

export class KnownToYosDto extends RecordedFactDto {
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description: 'Known to the Youth Offending Service; null when not checked',
  })
  @ValidateIf((_, value) => value !== null)
  @IsBoolean()
  knownToYos!: boolean | null;

  @ApiProperty({
    description: 'Why it is recorded or corrected (who checked, with whom)',
    example: 'Checked with YOS duty officer',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;
}

export class AllianceResidenceDto extends RecordedFactDto {
  @ApiProperty({
    example: 'Barnet',
    description:
      'Where the child lives, as typed, read as at referral: naming Enfield or Haringey as a word makes a home-borough child; ' +
      'naming a home borough and another London borough ("Barnet, near Enfield") is 400 `alliance-residence-ambiguous` naming `residence`. ' +
      'It holds from `occurredAt`: send the engagement’s time to put right a residence mistyped at referral, or the day of the move for a child who moved (not before the engagement: 422 `alliance-on-or-after-engagement`; on a closed case, not after the closure: 422 `alliance-residence-not-after-closure`).',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  residence!: string;

  @ApiProperty({
    description: 'Why it is corrected (a typo, the child moved)',
    example: 'Mistyped in custody: lives in Barnet',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason!: string;
}

export class AttendanceDto {
  @ApiProperty({ example: 'Police' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agency!: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: (typeof ATTENDANCE_STATUSES)[number];
}

export class PanelDiscussionDto extends RecordedFactDto {
  @ApiProperty()
  @IsUUID()
  meetingId!: string;

  @ApiProperty({ type: [AttendanceDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AttendanceDto)
  attendance!: AttendanceDto[];

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  summary!: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(2000, { each: true })
  decisions!: string[];
}
