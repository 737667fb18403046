import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommandResponder } from '../../commands/command-responder.js';
import { ProjectIdPipe } from '../project-id.pipe.js';
import { CommandRoute } from '../route-helpers.js';
import { AdjustTargetDto, ExplainDeviationDto, RecordExpenditureDto, RecordReadingDto } from './monitoring.dto.js';

@ApiTags('5 monitoring 绩效运行监控')
@Controller({ path: 'projects', version: '1' })
export class MonitoringRoutes {
  constructor(private readonly commands: CommandResponder) {}

  @CommandRoute(':id/expenditures', 'Record spending', 'department')
  spend(@Param('id', ProjectIdPipe) id: string, @Body() dto: RecordExpenditureDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (mint) => ({
      projectId: id,
      command: { type: 'RecordExpenditure', ...dto, expenditureId: dto.expenditureId ?? mint('expenditureId') },
    }));
  }

  @CommandRoute(':id/readings', 'Record a monitoring reading (MonitoringReadingRecorded)', 'department')
  read(@Param('id', ProjectIdPipe) id: string, @Body() dto: RecordReadingDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.commands.run(request, reply, (mint) => ({
      projectId: id,
      command: { type: 'RecordReading', ...dto, readingId: dto.readingId ?? mint('readingId') },
    }));
  }

  @CommandRoute(':id/deviations/:deviationId/explanation', 'Explain a deviation and plan corrective measures 纠偏措施', 'department')
  explain(
    @Param('id', ProjectIdPipe) id: string,
    @Param('deviationId') deviationId: string,
    @Body() dto: ExplainDeviationDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.commands.run(request, reply, () => ({ projectId: id, command: { type: 'ExplainDeviation', deviationId, ...dto } }));
  }

  @CommandRoute(':id/indicators/:indicatorId/target-adjustments', 'Adjust a target mid-year (start-of-year target kept)', 'department', 'finance')
  adjustTarget(
    @Param('id', ProjectIdPipe) id: string,
    @Param('indicatorId') indicatorId: string,
    @Body() dto: AdjustTargetDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.commands.run(request, reply, () => ({
      projectId: id,
      command: { type: 'AdjustTarget', indicatorId, adjustedTarget: dto.adjustedTarget, reason: dto.reason },
    }));
  }
}
