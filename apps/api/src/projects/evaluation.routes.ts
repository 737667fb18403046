import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../auth/principal.js';
import { CommandResponder } from '../commands/command-responder.js';
import { AssignEvaluatorCommand, ScoreEvaluationCommand } from '../commands/project-command.handlers.js';
import { problem } from '../http/problem.js';
import { AssignEvaluatorDto, ScoreEvaluationDto, scoreInput } from './evaluation.dto.js';
import { ProjectIdPipe } from './project-id.pipe.js';
import { CommandRoute } from './route-helpers.js';

/** Which evaluation kinds each role may submit: a department self-evaluates, a third party scores as one. */
const kindsByRole: Partial<Record<Role, readonly ScoreEvaluationDto['kind'][]>> = {
  department: ['self', 'department'],
  finance: ['finance'],
  evaluator: ['third-party'],
};

@ApiTags('5 evaluation 绩效评价')
@Controller({ path: 'projects', version: '1' })
export class EvaluationRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/evaluation-assignments', 'Assign an evaluator', 'finance')
  assign(@Param('id', ProjectIdPipe) id: string, @Body() dto: AssignEvaluatorDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) => new AssignEvaluatorCommand(id, { type: 'AssignEvaluator', ...dto }, context));
  }

  @CommandRoute(':id/evaluations', 'Score an evaluation (EvaluationScored; the grade is derived by the rulebook)', 'department', 'finance', 'evaluator')
  score(@Param('id', ProjectIdPipe) id: string, @Body() dto: ScoreEvaluationDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const role = request.principal!.role;
    if (!kindsByRole[role]?.includes(dto.kind)) {
      throw problem(403, 'forbidden-evaluation-kind', 'Forbidden', `The ${role} role may not submit a ${dto.kind} evaluation`);
    }
    return this.commands.run(request, reply, (context) =>
      new ScoreEvaluationCommand(id, {
        type: 'ScoreEvaluation',
        ...dto,
        evaluationId: dto.evaluationId ?? uuidv7(),
        evaluatorId: context.principal.id,
        scores: dto.scores.map(scoreInput),
      }, context),
    );
  }
}
