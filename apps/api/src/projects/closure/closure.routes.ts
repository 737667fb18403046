import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../../commands/command-responder.js';
import { ProjectIdPipe } from '../project-id.pipe.js';
import { CommandRoute } from '../route-helpers.js';
import { CloseProjectDto } from './closure.dto.js';

@ApiTags('9 closure 项目关闭')
@Controller({ path: 'projects', version: '1' })
export class ClosureRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/closure', 'Close the project', 'finance')
  close(@Param('id', ProjectIdPipe) id: string, @Body() dto: CloseProjectDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({ projectId: id, command: { type: 'CloseProject', reason: dto.reason } }));
  }
}
