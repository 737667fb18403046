import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../commands/command-responder.js';
import { newId } from '../ids.js';
import { ExplainDeviationCommand, RecordExpenditureCommand, RecordReadingCommand } from '../commands/project-command.handlers.js';
import { ExplainDeviationDto, RecordExpenditureDto, RecordReadingDto } from './monitoring.dto.js';
import { ProjectIdPipe } from './project-id.pipe.js';
import { CommandRoute } from './route-helpers.js';

@ApiTags('4 monitoring 绩效运行监控')
@Controller({ path: 'projects', version: '1' })
export class MonitoringRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/expenditures', 'Record spending', 'department')
  spend(@Param('id', ProjectIdPipe) id: string, @Body() dto: RecordExpenditureDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) =>
      new RecordExpenditureCommand(id, { type: 'RecordExpenditure', ...dto, expenditureId: dto.expenditureId ?? newId() }, context),
    );
  }

  @CommandRoute(':id/readings', 'Record a monitoring reading (MonitoringReadingRecorded)', 'department')
  read(@Param('id', ProjectIdPipe) id: string, @Body() dto: RecordReadingDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (context) =>
      new RecordReadingCommand(id, { type: 'RecordReading', ...dto, readingId: dto.readingId ?? newId() }, context),
    );
  }

  @CommandRoute(':id/deviations/:deviationId/explanation', 'Explain a deviation and plan corrective measures 纠偏措施', 'department')
  explain(
    @Param('id', ProjectIdPipe) id: string,
    @Param('deviationId') deviationId: string,
    @Body() dto: ExplainDeviationDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.commands.run(request, reply, (context) => new ExplainDeviationCommand(id, { type: 'ExplainDeviation', deviationId, ...dto }, context));
  }
}
