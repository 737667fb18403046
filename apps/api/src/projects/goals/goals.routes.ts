import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../../commands/command-responder.js';
import { ProjectIdPipe } from '../project-id.pipe.js';
import { CommandRoute } from '../route-helpers.js';
import { ReviewGoalsDto, SetMediumTermGoalsDto, SetPerformanceGoalsDto } from './goals.dto.js';

@ApiTags('2 goals 绩效目标')
@Controller({ path: 'projects', version: '1' })
export class GoalsRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/goals', 'Set performance goals (PerformanceGoalSet)', 'department')
  setGoals(@Param('id', ProjectIdPipe) id: string, @Body() dto: SetPerformanceGoalsDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({
      projectId: id,
      command: { type: 'SetPerformanceGoals', overallGoal: dto.overallGoal, indicators: dto.indicators.map((i) => ({ ...i, target: i.target ?? null, unit: i.unit ?? null, criteria: i.criteria ?? null })) },
    }));
  }

  @CommandRoute(':id/goal-reviews', 'Review goals 目标审核', 'finance')
  review(@Param('id', ProjectIdPipe) id: string, @Body() dto: ReviewGoalsDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({
      projectId: id,
      command: { type: 'ReviewGoals', grade: dto.grade, reviewerId: request.principal!.id, ...(dto.comments !== undefined ? { comments: dto.comments } : {}) },
    }));
  }

  @CommandRoute(':id/medium-term-goals', 'Set or replace the medium-term goals 中期目标 of the implementation period (MediumTermGoalsSet)', 'department')
  setMediumTermGoals(@Param('id', ProjectIdPipe) id: string, @Body() dto: SetMediumTermGoalsDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({
      projectId: id,
      command: { type: 'SetMediumTermGoals', startYear: dto.startYear, endYear: dto.endYear, overallGoal: dto.overallGoal, indicators: dto.indicators },
    }));
  }
}
