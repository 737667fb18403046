import { Readable } from 'node:stream';
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { projectStream } from '@jixiao/domain';
import { verifyLog, type EventStore } from '@jixiao/event-store';
import type { FastifyReply } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { problem } from '../http/problem.js';
import { ProjectIdPipe } from '../projects/project-id.pipe.js';
import { EVENT_STORE } from '../tokens.js';
import { auditRecord, exportLines, noSuchProject } from '@jixiao/application';
import { ExportQuery, HistoryQuery, StateAsOfQuery } from './audit.dto.js';
import { parseAsOf, projectAsOf } from '@jixiao/application';


/** Audit offices 审计机关: full history, state as of a moment, hash-chain verification, export. Read-only. */
@ApiTags('11 audit 审计')
@ApiBearerAuth()
@Controller({ path: 'audit', version: '1' })
export class AuditRoutes {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('projects/:id/history')
  @Allow('auditor')
  @ApiOperation({ summary: 'Every event of a project with all its metadata, a page of stream revisions at a time' })
  async history(@Param('id', ProjectIdPipe) id: string, @Query() query: HistoryQuery) {
    const stream = projectStream(id);
    const headRevision = await this.store.streamRevision(stream);
    if (headRevision === undefined) throw noSuchProject();
    const events = [];
    if (query.fromRevision <= headRevision) {
      for await (const event of this.store.readStream(stream, { fromRevision: query.fromRevision, maxCount: query.limit })) {
        events.push(auditRecord(event));
      }
    }
    const last = events.at(-1)?.revision;
    return {
      projectId: id,
      stream,
      headRevision,
      events,
      nextRevision: last !== undefined && last < headRevision ? last + 1 : null,
    };
  }

  @Get('projects/:id/state')
  @Allow('auditor')
  @ApiOperation({ summary: 'The project as the system knew it then: ?asOf=<ISO instant> (recorded at or before) or ?revision=<n>' })
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
        return {
          projectId: id,
          ...(hasAsOf ? { asOf: new Date(parseAsOf(query.asOf!)!).toISOString() } : { asOfRevision: query.revision }),
          revision: project.revision,
          recordedAt: project.recordedAt,
          headRevision: project.headRevision,
          state: project.state,
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
