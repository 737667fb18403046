import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../../commands/command-responder.js';
import { ProjectIdPipe } from '../project-id.pipe.js';
import { CommandRoute } from '../route-helpers.js';
import { OpenNextCycleDto } from './cycles.dto.js';

/**
 * A project across fiscal years 跨年度: the department asks for the next year once this
 * year's result is applied. The mid-term evaluation 中期评价 has no route: the workflow's
 * mid-life timer orders it (OrderMidTermEvaluation), on a date the medium-term period fixes,
 * so no person chooses whether or when.
 */
@ApiTags('7 next fiscal year 下一年度')
@Controller({ path: 'projects', version: '1' })
export class CycleRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(
    ':id/cycles',
    "Request the next fiscal year 申报下一年度 (CycleOpened): that year's goals and amount; carries this year's result, cuts, cut cap and open rectifications. 422 cycle.project-cancelled, cycle.not-next-year",
    'department',
  )
  open(@Param('id', ProjectIdPipe) id: string, @Body() dto: OpenNextCycleDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({
      projectId: id,
      command: {
        type: 'OpenNextCycle',
        fiscalYear: dto.fiscalYear,
        overallGoal: dto.overallGoal,
        indicators: dto.indicators.map((i) => ({ ...i, target: i.target ?? null, unit: i.unit ?? null, criteria: i.criteria ?? null })),
        requestedFen: dto.requestedFen,
      },
    }));
  }
}
