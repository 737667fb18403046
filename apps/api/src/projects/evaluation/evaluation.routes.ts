import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../../commands/command-responder.js';
import { ProjectIdPipe } from '../project-id.pipe.js';
import { CommandRoute } from '../route-helpers.js';
import type { Role } from '@jixiao/application';
import { problem } from '../../http/problem.js';
import { AssignEvaluatorDto, ScoreEvaluationDto, scoreInput } from './evaluation.dto.js';

/** Which evaluation kinds each role may submit: a department self-evaluates, a third party scores as one. */
const kindsByRole: Partial<Record<Role, readonly ScoreEvaluationDto['kind'][]>> = {
  department: ['self', 'department'],
  finance: ['finance'],
  evaluator: ['third-party'],
};

@ApiTags('6 evaluation 绩效评价')
@Controller({ path: 'projects', version: '1' })
export class EvaluationRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/evaluation-assignments', 'Assign an evaluator', 'finance')
  assign(@Param('id', ProjectIdPipe) id: string, @Body() dto: AssignEvaluatorDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({ projectId: id, command: { type: 'AssignEvaluator', ...dto } }));
  }

  @CommandRoute(':id/evaluations', 'Score an evaluation (EvaluationScored; the grade is derived by the rulebook)', 'department', 'finance', 'evaluator')
  score(@Param('id', ProjectIdPipe) id: string, @Body() dto: ScoreEvaluationDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const principal = request.principal!;
    if (!kindsByRole[principal.role]?.includes(dto.kind)) {
      throw problem(403, 'forbidden-evaluation-kind', 'Forbidden', `The ${principal.role} role may not submit a ${dto.kind} evaluation`);
    }
    return this.commands.run(request, reply, (mint) => ({
      projectId: id,
      command: {
        type: 'ScoreEvaluation',
        ...dto,
        evaluationId: dto.evaluationId ?? mint('evaluationId'),
        evaluatorId: principal.id,
        scores: dto.scores.map(scoreInput),
      },
    }));
  }
}
