import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { CommandResponder } from '../commands/command-responder.js';
import {
  CloseProjectCommand, CutBudgetCommand, OrderRectificationCommand, ReportRectificationCommand, VerifyRectificationCommand,
} from '../commands/project-command.handlers.js';
import { ProjectIdPipe } from './project-id.pipe.js';
import { CloseProjectDto, CutBudgetDto, OrderRectificationDto, ReportRectificationDto, VerifyRectificationDto } from './results.dto.js';
import { CommandRoute } from './route-helpers.js';

@ApiTags('6 results and rectification 结果应用与整改')
@Controller({ path: 'projects', version: '1' })
export class ResultsRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/budget-cuts', 'Cut the budget by hand, naming the evaluation or overdue rectification that caused it (BudgetCut)', 'finance')
  cut(@Param('id', ProjectIdPipe) id: string, @Body() dto: CutBudgetDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const cause = dto.evaluationId !== undefined
      ? { kind: 'evaluation' as const, evaluationId: dto.evaluationId }
      : { kind: 'rectification' as const, rectificationId: dto.rectificationId! };
    return this.commands.run(request, reply, (context) => new CutBudgetCommand(id, { type: 'CutBudget', cutId: dto.cutId ?? uuidv7(), cause }, context));
  }

  @CommandRoute(':id/rectifications', 'Order rectification 整改 with a deadline', 'finance')
  order(@Param('id', ProjectIdPipe) id: string, @Body() dto: OrderRectificationDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) =>
      new OrderRectificationCommand(id, { type: 'OrderRectification', ...dto, rectificationId: dto.rectificationId ?? uuidv7() }, context),
    );
  }

  @CommandRoute(':id/rectifications/:rid/report', 'Report rectification', 'department')
  report(@Param('id', ProjectIdPipe) id: string, @Param('rid') rid: string, @Body() dto: ReportRectificationDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) => new ReportRectificationCommand(id, { type: 'ReportRectification', rectificationId: rid, report: dto.report }, context));
  }

  @CommandRoute(':id/rectifications/:rid/verification', 'Verify rectification', 'finance')
  verify(@Param('id', ProjectIdPipe) id: string, @Param('rid') rid: string, @Body() dto: VerifyRectificationDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) => new VerifyRectificationCommand(id, { type: 'VerifyRectification', rectificationId: rid, ...dto }, context));
  }

  @CommandRoute(':id/closure', 'Close the project', 'finance')
  close(@Param('id', ProjectIdPipe) id: string, @Body() dto: CloseProjectDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) => new CloseProjectCommand(id, { type: 'CloseProject', reason: dto.reason }, context));
  }
}
