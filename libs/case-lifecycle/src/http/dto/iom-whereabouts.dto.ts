import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IOM_WHEREABOUTS } from '../../domain';
import { NoteDto } from './case-work.dto';

export class IomWhereaboutsDto extends NoteDto {
  @ApiProperty({
    enum: IOM_WHEREABOUTS,
    description:
      '`unlocated`: the nominal cannot be located, from the UK date of `occurredAt` (back-date it to the day they were first missed); ' +
      '`located`: found again on that day, which ends the run',
  })
  @IsIn(IOM_WHEREABOUTS)
  whereabouts!: (typeof IOM_WHEREABOUTS)[number];
}
