import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../commands/command-responder.js';
import { AdjustBudgetCommand, AllocateBudgetCommand, DecideAdmissionCommand } from '../commands/project-command.handlers.js';
import { DecideAdmissionDto } from './admission.dto.js';
import { AdjustBudgetDto, AllocateBudgetDto } from './allocation.dto.js';
import { ProjectIdPipe } from './project-id.pipe.js';
import { CommandRoute } from './route-helpers.js';

@ApiTags('3 admission and allocation 入库与预算批复')
@Controller({ path: 'projects', version: '1' })
export class FundingRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/admission', 'Admit to or reject from the project library 项目库 (ProjectAdmitted)', 'finance')
  admission(@Param('id', ProjectIdPipe) id: string, @Body() dto: DecideAdmissionDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) =>
      new DecideAdmissionCommand(id, { type: 'DecideAdmission', decision: dto.decision, reviewScore: dto.reviewScore, ...(dto.reasons ? { reasons: dto.reasons } : {}) }, context),
    );
  }

  @CommandRoute(':id/allocations', 'Allocate the budget 预算批复', 'finance')
  allocate(@Param('id', ProjectIdPipe) id: string, @Body() dto: AllocateBudgetDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) => new AllocateBudgetCommand(id, { type: 'AllocateBudget', ...dto }, context));
  }

  @CommandRoute(':id/budget-adjustments', 'Adjust the budget 预算调整', 'finance')
  adjust(@Param('id', ProjectIdPipe) id: string, @Body() dto: AdjustBudgetDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) => new AdjustBudgetCommand(id, { type: 'AdjustBudget', ...dto }, context));
  }
}
