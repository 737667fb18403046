import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { computeSelfEvaluationSheet } from '@jixiao/domain';
import { assertMayAccess, noSuchProject, ProjectStates, Rulebooks } from '@jixiao/application';
import { Allow } from '../../auth/allow.decorator.js';
import { etagFor } from '../../commands/command-responder.js';
import { CLOCK } from '../../tokens.js';
import { ProjectIdPipe } from '../project-id.pipe.js';

/**
 * The self-evaluation sheet 绩效自评表 as it stands, computed from the monitoring data under
 * the rulebook in force: every row with its inputs (年度指标值, 实际完成值, 分值), its formula
 * id and its 得分; the subtotals, the budget-execution row, the total and the grade; and
 * `issues`, what a submission would still be refused for (rule ids). Writes nothing.
 */
@ApiTags('5 evaluation 绩效评价')
@Controller({ path: 'projects', version: '1' })
export class SelfEvaluationDraftRoutes {
  constructor(
    private readonly projects: ProjectStates,
    private readonly rulebooks: Rulebooks,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  @Get(':id/self-evaluation-draft')
  @Allow('department', 'finance', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The computed self-evaluation sheet 绩效自评表 (draft): rows, formula ids, subtotals, execution rate, total, grade and what a submission still lacks' })
  async draft(@Param('id', ProjectIdPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { state, revision } = await this.projects.load(id);
    if (revision === undefined) throw noSuchProject();
    assertMayAccess(request.principal!, state);
    // The rulebook in force for the project's division now, as a command would use (§6.4).
    const sheet = computeSelfEvaluationSheet(state, await this.rulebooks.rulebookFor(state.department, this.clock().toISOString()));
    void reply.header('etag', etagFor(revision)).send({ projectId: state.projectId, revision, ...sheet });
  }
}
