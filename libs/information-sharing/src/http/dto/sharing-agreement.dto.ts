import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsInstant } from '../../../../case-lifecycle/src/http/dto/calendar-date.validator';
import { LawfulBasisDto } from './lawful-basis.dto';

export class RecordedFactDto {
  @ApiPropertyOptional({ description: 'When it happened (ISO-8601); defaults to now', example: '2024-05-03T14:00:00Z' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
}

export class SignSharingAgreementDto extends RecordedFactDto {
  @ApiPropertyOptional({ description: 'Client-chosen id (uuid) so a retry cannot sign twice' })
  @IsOptional()
  @IsUUID()
  dsaId?: string;

  @ApiProperty({ example: 'Haringey community safety partnership DSA' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiProperty({ type: [String], example: ['Metropolitan Police', 'Haringey Council'] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  parties!: string[];

  @ApiProperty({ example: 'Multi-agency risk management of high-risk domestic abuse victims' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  purpose!: string;

  @ApiProperty({ type: LawfulBasisDto })
  @ValidateNested()
  @Type(() => LawfulBasisDto)
  lawfulBasis!: LawfulBasisDto;

  @ApiProperty({ example: '2025-04-01' })
  @IsCalendarDate()
  reviewDate!: string;

  @ApiProperty({ example: '2024-04-01' })
  @IsCalendarDate()
  inForceFrom!: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Inclusive; omitted or null: until expired' })
  @IsOptional()
  @IsCalendarDate()
  inForceTo?: string | null;
}

export class DsaPartyDto extends RecordedFactDto {
  @ApiProperty({ example: 'Haringey Council' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agency!: string;
}

export class RemoveDsaPartyDto extends DsaPartyDto {
  @ApiProperty({ description: 'Why the agency leaves the agreement' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class RenewSharingAgreementDto extends RecordedFactDto {
  @ApiProperty({ example: '2026-04-01' })
  @IsCalendarDate()
  reviewDate!: string;

  @ApiPropertyOptional({ description: 'New end date; null makes it open-ended; omitted keeps the current one' })
  @IsOptional()
  @IsCalendarDate()
  inForceTo?: string | null;
}

export class ExpireSharingAgreementDto extends RecordedFactDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
