import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../commands/command-responder.js';
import { AdjustTargetCommand, ReviewGoalsCommand, SetPerformanceGoalsCommand } from '../commands/project-command.handlers.js';
import { AdjustTargetDto, ReviewGoalsDto, SetPerformanceGoalsDto } from './goals.dto.js';
import { ProjectIdPipe } from './project-id.pipe.js';
import { CommandRoute } from './route-helpers.js';

@ApiTags('2 goals 绩效目标')
@Controller({ path: 'projects', version: '1' })
export class GoalsRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/goals', 'Set performance goals (PerformanceGoalSet)', 'department')
  setGoals(@Param('id', ProjectIdPipe) id: string, @Body() dto: SetPerformanceGoalsDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) =>
      new SetPerformanceGoalsCommand(id, { type: 'SetPerformanceGoals', overallGoal: dto.overallGoal, indicators: dto.indicators.map((i) => ({ ...i, target: i.target ?? null, unit: i.unit ?? null, criteria: i.criteria ?? null })) }, context),
    );
  }

  @CommandRoute(':id/goal-reviews', 'Review goals 目标审核', 'finance')
  review(@Param('id', ProjectIdPipe) id: string, @Body() dto: ReviewGoalsDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) =>
      new ReviewGoalsCommand(id, { type: 'ReviewGoals', grade: dto.grade, reviewerId: context.principal.id, ...(dto.comments !== undefined ? { comments: dto.comments } : {}) }, context),
    );
  }

  @CommandRoute(':id/indicators/:indicatorId/target-adjustments', 'Adjust a target mid-year (start-of-year target kept)', 'department', 'finance')
  adjustTarget(
    @Param('id', ProjectIdPipe) id: string,
    @Param('indicatorId') indicatorId: string,
    @Body() dto: AdjustTargetDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.commands.run(request, reply, (context) =>
      new AdjustTargetCommand(id, { type: 'AdjustTarget', indicatorId, adjustedTarget: dto.adjustedTarget, reason: dto.reason }, context),
    );
  }
}
