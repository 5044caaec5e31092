import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from './calendar-date.validator';
import { PanelDiscussionDto, RecordedFactDto } from './case-work.dto';

export class ScheduleMeetingDto extends RecordedFactDto {
  @ApiProperty({ example: 'MARAC' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  panel!: string;

  @ApiProperty({ example: '2024-06-04T10:00:00Z' })
  @IsInstant()
  scheduledFor!: string;

  @ApiProperty({ example: 'DI Priya Shah' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  chair!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  location?: string;

  // Only the documentation differs from RecordedFactDto's (validation is inherited).
  @ApiPropertyOptional({
    description:
      'When the meeting was arranged (default: now), not in the future; a meeting typed in late may be dated when it was arranged',
    example: '2024-05-20T09:00:00Z',
  })
  declare occurredAt?: string;
}

export class AgencyRequestDto {
  @ApiProperty({ example: 'Children’s Services' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  agency!: string;

  @ApiProperty({ example: 'school attendance and any safeguarding referrals' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  toBring!: string;
}

export class ListCaseDto {
  // Any RFC 4122 version: the IOM import opens cases with name-based (v5) ids.
  @ApiProperty()
  @IsUUID()
  caseId!: string;

  @ApiProperty({ type: [AgencyRequestDto], description: 'What each agency needs to bring to the meeting' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AgencyRequestDto)
  agencyRequests!: AgencyRequestDto[];
}

/** Who came (the same attendance a case's discussion records) and which listed cases were heard. */
export class RecordMeetingHeldDto extends PickType(PanelDiscussionDto, ['attendance', 'occurredAt'] as const) {
  @ApiPropertyOptional({ type: [String], description: 'Cases on the agenda the panel discussed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID(undefined, { each: true })
  casesDiscussed?: string[];
}
