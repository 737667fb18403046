import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { MAX_INPUT_MAGNITUDE } from '@jixiao/domain';
import { Text } from '../http/validators.js';
import { projectIdPattern } from '../projects/id-patterns.js';

/** Paging of a history by stream revision: a long history is read a page at a time. */
export class HistoryQuery {
  @ApiPropertyOptional({ default: 0, description: 'First stream revision of the page' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_INPUT_MAGNITUDE)
  fromRevision: number = 0;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit: number = 100;

  @ApiPropertyOptional({ example: 2027, description: "Only that fiscal year's events 预算年度 (metadata.fiscalYear, derived for events stored before it was recorded)" })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  fiscalYear?: number;
}

/** Exactly one of the two: a recorded-at instant, or a stream revision. */
export class StateAsOfQuery {
  @ApiPropertyOptional({ description: 'ISO-8601 instant with a zone, e.g. 2026-03-01T08:00:00Z: fold events recorded at or before it' })
  @IsOptional() @Text({ max: 40 })
  asOf?: string;

  @ApiPropertyOptional({ description: 'Fold events up to and including this stream revision' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_INPUT_MAGNITUDE)
  revision?: number;

  @ApiPropertyOptional({ example: 2027, description: "Also answer that fiscal year's cycle as it then stood (404 fiscal-year-not-found when the project had not reached it)" })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100)
  fiscalYear?: number;
}

export class ExportQuery {
  @ApiPropertyOptional({ description: 'A project id: export only its stream' })
  @IsOptional() @IsString() @Matches(projectIdPattern)
  project?: string;
}
