import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CycleDto, ProjectStateDto } from '../projects/project-view.dto.js';

/* The audit routes' answers, for the OpenAPI document only (the answers come from @jixiao/application). */

const anyObject = { type: 'object', additionalProperties: true } as const;
const nullableString = { type: String, nullable: true } as const;

class LabelDto {
  @ApiProperty() en!: string;
  @ApiProperty({ name: 'zh-CN' }) 'zh-CN'!: string;
}

/** One stored event as an auditor reads it, with its fiscal year. */
export class AuditRecordDto {
  @ApiProperty() id!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: LabelDto }) label!: LabelDto;
  @ApiProperty() schemaVersion!: number;
  @ApiProperty() stream!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ description: 'Global position in the store' }) position!: number;
  @ApiProperty({ description: 'When the store recorded it, ISO-8601 UTC' }) recordedAt!: string;
  @ApiProperty({ description: 'Hash-chain link, hex' }) hash!: string;
  @ApiProperty({ ...anyObject, nullable: true, description: 'Who: id, role, department, name' }) actor!: Record<string, unknown> | null;
  @ApiProperty(nullableString) correlationId!: string | null;
  @ApiProperty(nullableString) causationId!: string | null;
  @ApiProperty(nullableString) commandId!: string | null;
  @ApiProperty(nullableString) commandType!: string | null;
  @ApiProperty(nullableString) occurredAt!: string | null;
  @ApiProperty({ ...anyObject, nullable: true, description: 'The rulebook id and version that decided the event, when a rule did' }) rulebook!: Record<string, unknown> | null;
  @ApiProperty({ ...anyObject, description: 'The event as stored and hashed' }) data!: Record<string, unknown>;
  @ApiProperty(anyObject) metadata!: Record<string, unknown>;
  @ApiProperty({ description: 'The fiscal year 预算年度 the event belongs to: metadata.fiscalYear, or derived for an event stored before it was recorded' })
  fiscalYear!: number;
}

export class HistoryPageDto {
  @ApiProperty() projectId!: string;
  @ApiProperty() stream!: string;
  @ApiProperty() headRevision!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The fiscal year asked for, or null for the whole life' }) fiscalYear!: number | null;
  @ApiProperty({ type: [AuditRecordDto] }) events!: AuditRecordDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'First revision of the next page (of that year, when scoped); null at the end' }) nextRevision!: number | null;
}

export class StateAsOfDto {
  @ApiProperty() projectId!: string;
  @ApiPropertyOptional({ description: 'The instant asked for, normalised to UTC' }) asOf?: string;
  @ApiPropertyOptional({ description: 'The revision asked for' }) asOfRevision?: number;
  @ApiProperty({ description: 'Revision of the last event folded' }) revision!: number;
  @ApiProperty({ description: 'recordedAt of the last event folded' }) recordedAt!: string;
  @ApiProperty({ description: "The stream's revision today" }) headRevision!: number;
  @ApiProperty({ type: ProjectStateDto }) state!: ProjectStateDto;
  @ApiPropertyOptional({ description: 'The fiscal year asked for' }) fiscalYear?: number;
  @ApiPropertyOptional({ type: CycleDto, description: "That year's cycle as it then stood (only with fiscalYear)" }) cycle?: CycleDto;
}
