import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CloseProjectDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000)
  reason!: string;
}
