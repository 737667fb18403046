import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../../commands/command-responder.js';
import { ProjectIdPipe } from '../project-id.pipe.js';
import { CommandRoute } from '../route-helpers.js';
import { ApplyResultDto, CutBudgetDto, GrantIncentiveDto } from './results.dto.js';

@ApiTags('7 results 结果应用')
@Controller({ path: 'projects', version: '1' })
export class ResultsRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(
    ':id/result-decisions',
    "Decide how the evaluation's result is applied 结果应用 (ProjectPrioritised, ProjectMaintained, ProjectReduced, ProjectUseAdjusted, ProjectSuspended, ProjectCancelled); the grade's allowed decisions are the rulebook's",
    'finance',
  )
  apply(@Param('id', ProjectIdPipe) id: string, @Body() dto: ApplyResultDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({
      projectId: id,
      command: { type: 'ApplyResult', evaluationId: dto.evaluationId, decision: dto.decision, ...(dto.note !== undefined ? { note: dto.note } : {}) },
    }));
  }

  @CommandRoute(':id/budget-cuts', 'Cut the budget by hand, naming the evaluation or overdue rectification that caused it (BudgetCut)', 'finance')
  cut(@Param('id', ProjectIdPipe) id: string, @Body() dto: CutBudgetDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const cause = dto.evaluationId !== undefined
      ? { kind: 'evaluation' as const, evaluationId: dto.evaluationId }
      : { kind: 'rectification' as const, rectificationId: dto.rectificationId! };
    return this.commands.run(request, reply, (mint) => ({ projectId: id, command: { type: 'CutBudget', cutId: dto.cutId ?? mint('cutId'), cause } }));
  }

  @CommandRoute(
    ':id/incentives',
    "Grant an incentive 激励 on an evaluation whose grade the rulebook makes eligible (IncentiveGranted); under practice-2027 finance grants it, nothing is automatic",
    'finance',
  )
  grant(@Param('id', ProjectIdPipe) id: string, @Body() dto: GrantIncentiveDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (mint) => ({
      projectId: id,
      command: { type: 'GrantIncentive', incentiveId: dto.incentiveId ?? mint('incentiveId'), evaluationId: dto.evaluationId, measure: dto.measure },
    }));
  }
}
