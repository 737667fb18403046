import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../auth/allow.decorator.js';
import { etagFor, projectView } from '../commands/command-responder.js';
import { assertMayAccess, noSuchProject } from '@jixiao/application';
import { ProjectStates } from '@jixiao/application';
import { ProjectIdPipe } from './project-id.pipe.js';
import { ProjectViewDto } from './project-view.dto.js';

@ApiTags('0 projects')
@Controller({ path: 'projects', version: '1' })
export class ProjectQueryRoutes {
  constructor(private readonly projects: ProjectStates) {}

  @Get(':id')
  @Allow('department', 'finance', 'evaluator', 'auditor', 'oversight')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Current state of a project, with its revision as ETag',
    description: "The current fiscal year's fields at the top level; earlier years in previousCycles (oldest first); medium-term goals and the mid-term evaluation order at project level",
  })
  @ApiOkResponse({ type: ProjectViewDto })
  async get(@Param('id', ProjectIdPipe) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { state, revision } = await this.projects.load(id);
    if (revision === undefined) throw noSuchProject();
    assertMayAccess(request.principal!, state);
    void reply.header('etag', etagFor(revision)).send(projectView(state, revision));
  }
}
