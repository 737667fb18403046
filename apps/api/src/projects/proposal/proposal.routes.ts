import { Body, Controller, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../../commands/command-responder.js';
import { problem } from '../../http/problem.js';
import { CommandRoute } from '../route-helpers.js';
import { ProposeProjectDto } from './proposal.dto.js';

@ApiTags('1 proposal 项目申报')
@Controller({ path: 'projects', version: '1' })
export class ProposalRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute('', 'Propose a project (201 with Location and ETag); without projectId the server mints one', 'department')
  propose(@Body() dto: ProposeProjectDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const department = dto.department ?? request.principal?.department;
    if (!department) throw problem(400, 'validation', 'Invalid request', 'department is required', { errors: [{ field: 'department', constraints: ['department is required'] }] });
    return this.commands.run(
      request,
      reply,
      (mint) => {
        const projectId = dto.projectId ?? mint('projectId');
        return {
          projectId,
          command: {
            type: 'ProposeProject',
            projectId,
            department,
            title: dto.title,
            category: dto.category,
            fiscalYear: dto.fiscalYear,
            requestedFen: dto.requestedFen,
            ...(dto.description !== undefined ? { description: dto.description } : {}),
          },
        };
      },
      { created: true },
    );
  }
}
