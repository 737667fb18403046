import { Body, Controller, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { CommandResponder } from '../commands/command-responder.js';
import { ProposeProjectCommand } from '../commands/project-command.handlers.js';
import { problem } from '../http/problem.js';
import { ProposeProjectDto } from './proposal.dto.js';
import { CommandRoute } from './route-helpers.js';

@ApiTags('1 proposal 项目申报')
@Controller({ path: 'projects', version: '1' })
export class ProposalRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute('', 'Propose a project (201 with Location and ETag)', 'department')
  propose(@Body() dto: ProposeProjectDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const department = dto.department ?? request.principal?.department;
    if (!department) throw problem(400, 'validation', 'Invalid request', 'department is required', { errors: [{ field: 'department', constraints: ['department is required'] }] });
    const projectId = dto.projectId ?? uuidv7();
    return this.commands.run(
      request,
      reply,
      (context) =>
        new ProposeProjectCommand(projectId, {
          type: 'ProposeProject',
          projectId,
          department,
          title: dto.title,
          category: dto.category,
          fiscalYear: dto.fiscalYear,
          requestedFen: dto.requestedFen,
          ...(dto.description !== undefined ? { description: dto.description } : {}),
        }, context),
      { created: true },
    );
  }
}
