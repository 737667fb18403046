import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { MAX_INPUT_MAGNITUDE, projectStream } from '@jixiao/domain';
import type { EventStore } from '@jixiao/event-store';
import { whatIfDepartment, whatIfProject, type WhatIfReport } from '@jixiao/workflow';
import { Allow } from '../auth/allow.decorator.js';
import { noSuchProject, Rulebooks } from '@jixiao/application';
import { problem } from '../http/problem.js';
import { Text } from '../http/validators.js';
import { CLOCK, EVENT_STORE } from '../tokens.js';

export class WhatIfQuery {
  @ApiPropertyOptional({ description: 'One project (give this or department)' })
  @IsOptional() @Text({ max: 100 }) @Matches(/^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/) project?: string;
  @ApiPropertyOptional({ description: 'Every project of a department' })
  @IsOptional() @Text({ max: 100 }) department?: string;
  @ApiProperty({ description: 'The rulebook version to replay under' })
  @Type(() => Number) @IsInt() @Min(1) @Max(MAX_INPUT_MAGNITUDE) rulebookVersion!: number;
  @ApiPropertyOptional({ description: "The rulebook; defaults to the configured rulebook's id" })
  @IsOptional() @Text({ max: 100 }) rulebookId?: string;
  @ApiPropertyOptional({ example: 2027, description: "Only that fiscal year's differences (404 fiscal-year-not-found for a project that did not live it)" })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear?: number;
}

@ApiTags('11 audit 审计')
@ApiBearerAuth()
@Controller({ path: 'audit/what-if', version: '1' })
export class WhatIfRoutes {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rulebooks: Rulebooks,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  @Get()
  @Allow('auditor')
  @ApiOperation({
    summary:
      "What-if: a project's (or a department's) history across its whole life through another rulebook version; writes nothing, reports the flags, grades, cuts that would differ; ?fiscalYear= narrows it to one year",
  })
  async whatIf(@Query() query: WhatIfQuery) {
    if (!query.project === !query.department) {
      throw problem(400, 'validation', 'Invalid request', 'Name a project or a department', { errors: [{ field: 'project', constraints: ['project or department is required'] }] });
    }
    const rulebookId = query.rulebookId ?? this.rulebooks.rulebookId;
    const rulebook = await this.rulebooks.version(rulebookId, query.rulebookVersion);
    if (!rulebook) throw problem(404, 'rulebook-version-not-found', 'Not found', `Rulebook ${rulebookId} has no version ${query.rulebookVersion}`);
    const asOf = this.clock().toISOString();
    const year = query.fiscalYear;
    const scope = year === undefined ? {} : { fiscalYear: year };
    // A scoped report of a year the project lived has that year's outcome; one it never lived has none.
    const lived = (report: WhatIfReport) => year === undefined || report.years.length > 0;
    if (query.project) {
      if ((await this.store.streamRevision(projectStream(query.project))) === undefined) throw noSuchProject();
      const report = await whatIfProject(this.store, query.project, rulebook, asOf, scope);
      if (!lived(report)) throw problem(404, 'fiscal-year-not-found', 'Not found', `Project ${query.project} did not live fiscal year ${year}`);
      return report;
    }
    const reports = (await whatIfDepartment(this.store, query.department!, rulebook, asOf, scope)).filter(lived);
    return {
      department: query.department,
      rulebook: { id: rulebook.id, version: rulebook.version },
      ...(year !== undefined ? { fiscalYear: year } : {}),
      projects: reports.length,
      differing: reports.filter((r) => !r.identical),
    };
  }
}
