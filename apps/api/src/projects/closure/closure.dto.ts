import { ApiProperty } from '@nestjs/swagger';
import { Text } from '../../http/validators.js';

export class CloseProjectDto {
  @ApiProperty() @Text({ min: 1, max: 4000, multiline: true })
  reason!: string;
}
