import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../../commands/command-responder.js';
import { ProjectIdPipe } from '../project-id.pipe.js';
import { CommandRoute } from '../route-helpers.js';
import { OrderRectificationDto, ReportRectificationDto, VerifyRectificationDto } from './rectification.dto.js';

@ApiTags('8 rectification 整改')
@Controller({ path: 'projects', version: '1' })
export class RectificationRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/rectifications', 'Order rectification 整改 with a deadline', 'finance')
  order(@Param('id', ProjectIdPipe) id: string, @Body() dto: OrderRectificationDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (mint) => ({
      projectId: id,
      command: { type: 'OrderRectification', ...dto, rectificationId: dto.rectificationId ?? mint('rectificationId') },
    }));
  }

  @CommandRoute(':id/rectifications/:rid/report', 'Report rectification', 'department')
  report(@Param('id', ProjectIdPipe) id: string, @Param('rid') rid: string, @Body() dto: ReportRectificationDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({ projectId: id, command: { type: 'ReportRectification', rectificationId: rid, report: dto.report } }));
  }

  @CommandRoute(':id/rectifications/:rid/verification', 'Verify rectification', 'finance')
  verify(@Param('id', ProjectIdPipe) id: string, @Param('rid') rid: string, @Body() dto: VerifyRectificationDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({ projectId: id, command: { type: 'VerifyRectification', rectificationId: rid, ...dto } }));
  }
}
