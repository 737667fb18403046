import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../../commands/command-responder.js';
import { ProjectIdPipe } from '../project-id.pipe.js';
import { CommandRoute } from '../route-helpers.js';
import { AdjustBudgetDto, AllocateBudgetDto } from './allocation.dto.js';

@ApiTags('4 allocation 预算批复')
@Controller({ path: 'projects', version: '1' })
export class AllocationRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/allocations', 'Allocate the budget 预算批复', 'finance')
  allocate(@Param('id', ProjectIdPipe) id: string, @Body() dto: AllocateBudgetDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({ projectId: id, command: { type: 'AllocateBudget', ...dto } }));
  }

  @CommandRoute(':id/budget-adjustments', 'Adjust the budget 预算调整', 'finance')
  adjust(@Param('id', ProjectIdPipe) id: string, @Body() dto: AdjustBudgetDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({ projectId: id, command: { type: 'AdjustBudget', ...dto } }));
  }
}
