import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../../commands/command-responder.js';
import { ProjectIdPipe } from '../project-id.pipe.js';
import { CommandRoute } from '../route-helpers.js';
import { DecideAdmissionDto } from './admission.dto.js';

@ApiTags('3 admission 入库')
@Controller({ path: 'projects', version: '1' })
export class AdmissionRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/admission', 'Admit to or reject from the project library 项目库 (ProjectAdmitted)', 'finance')
  admission(@Param('id', ProjectIdPipe) id: string, @Body() dto: DecideAdmissionDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, () => ({
      projectId: id,
      command: { type: 'DecideAdmission', decision: dto.decision, reviewScore: dto.reviewScore, ...(dto.reasons ? { reasons: dto.reasons } : {}) },
    }));
  }
}
