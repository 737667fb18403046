import { Readable } from 'node:stream';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { cycleOf, cyclesOf, projectStream } from '@jixiao/domain';
import { verifyLog, type EventStore } from '@jixiao/event-store';
import type { FastifyReply } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { problem } from '../http/problem.js';
import { ProjectIdPipe } from '../projects/project-id.pipe.js';
import { EVENT_STORE } from '../tokens.js';
import { exportLines, noSuchProject, parseAsOf, projectAsOf, projectHistory } from '@jixiao/application';
import { HistoryPageDto, StateAsOfDto } from './audit-responses.dto.js';
import { ExportQuery, HistoryQuery, StateAsOfQuery } from './audit.dto.js';


/** Audit offices 审计机关: full history, state as of a moment, hash-chain verification, export. Read-only. */
@ApiTags('11 audit 审计')
@ApiBearerAuth()
@Controller({ path: 'audit', version: '1' })
export class AuditRoutes {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('projects/:id/history')
  @Allow('auditor')
  @ApiOperation({
    summary: 'Every event of a project across its whole life, with all its metadata and its fiscal year, a page of stream revisions at a time; ?fiscalYear=<year> keeps that year only',
  })
  @ApiOkResponse({ type: HistoryPageDto })
  async history(@Param('id', ProjectIdPipe) id: string, @Query() query: HistoryQuery) {
    const page = await projectHistory(this.store, id, query);
    if (!page) throw noSuchProject();
    return page;
  }

  @Get('projects/:id/state')
  @Allow('auditor')
  @ApiOperation({
    summary: "The project as the system knew it then: ?asOf=<ISO instant> (recorded at or before) or ?revision=<n>; with ?fiscalYear=<year>, that year's cycle too",
  })
  @ApiOkResponse({ type: StateAsOfDto })
  async state(@Param('id', ProjectIdPipe) id: string, @Query() query: StateAsOfQuery) {
    const hasAsOf = query.asOf !== undefined;
    if (hasAsOf === (query.revision !== undefined)) {
      throw problem(400, 'validation', 'Invalid request', 'Give exactly one of asOf and revision', {
        errors: [{ field: 'asOf', constraints: ['give exactly one of asOf and revision'] }],
      });
    }
    if (hasAsOf && parseAsOf(query.asOf!) === undefined) {
      throw problem(400, 'validation', 'Invalid request', `asOf "${query.asOf}" is not an ISO-8601 instant with a zone`, {
        errors: [{ field: 'asOf', constraints: ['asOf must be an ISO-8601 instant with a zone, e.g. 2026-03-01T08:00:00Z'] }],
      });
    }
    const result = await projectAsOf(this.store, id, hasAsOf ? { asOf: query.asOf! } : { revision: query.revision! });
    switch (result.kind) {
      case 'unknown-project':
        throw noSuchProject();
      case 'not-yet-known':
        throw problem(404, 'not-yet-recorded', 'Not yet recorded', `Nothing of project ${id} was recorded by ${query.asOf}; its first event was recorded at ${result.firstRecordedAt}`, {
          firstRecordedAt: result.firstRecordedAt,
        });
      case 'no-such-revision':
        throw problem(404, 'revision-not-found', 'Not found', `Project ${id} has no revision ${query.revision}; its head is ${result.headRevision}`, {
          headRevision: result.headRevision,
        });
      case 'found': {
        const { project } = result;
        const year = query.fiscalYear;
        const cycle = year === undefined ? undefined : cycleOf(project.state, year);
        if (year !== undefined && !cycle) {
          const years = cyclesOf(project.state).map((c) => c.fiscalYear);
          throw problem(404, 'fiscal-year-not-found', 'Not found', `Project ${id} had no fiscal year ${year} then; its years were ${years.join(', ')}`, { fiscalYears: years });
        }
        return {
          projectId: id,
          ...(hasAsOf ? { asOf: new Date(parseAsOf(query.asOf!)!).toISOString() } : { asOfRevision: query.revision }),
          revision: project.revision,
          recordedAt: project.recordedAt,
          headRevision: project.headRevision,
          state: project.state,
          ...(year !== undefined ? { fiscalYear: year, cycle } : {}),
        };
      }
    }
  }

  @Get('verification')
  @Allow('auditor')
  @ApiOperation({ summary: 'Verify every hash chain and the Merkle tree over the whole store; ok:false with the first broken place is a report, not an error' })
  verification() {
    return verifyLog(this.store);
  }

  @Get('export')
  @Allow('auditor')
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: 'Streamed NDJSON, one line per stored event with every field: the whole store, or ?project=<id>' })
  async export(@Query() query: ExportQuery, @Res() reply: FastifyReply) {
    let stream: string | undefined;
    if (query.project !== undefined) {
      stream = projectStream(query.project);
      if ((await this.store.streamRevision(stream)) === undefined) throw noSuchProject();
    }
    const name = query.project ? `project-${query.project}` : 'jixiao-events';
    void reply
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.ndjson"`)
      .send(Readable.from(exportLines(this.store, stream)));
  }
}
