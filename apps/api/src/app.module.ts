import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '@jixiao/event-store';
import { AdminRoutes } from './admin/admin.routes.js';
import { AuditRoutes } from './audit/audit.routes.js';
import { AccessTokens } from './auth/access-tokens.js';
import { AuthGuard } from './auth/auth.guard.js';
import { MeRoutes } from './auth/me.routes.js';
import { CommandResponder } from './commands/command-responder.js';
import { projectCommandHandlers } from './commands/project-command.handlers.js';
import { ProjectCommandExecutor } from './commands/project-command.executor.js';
import { ProjectStates } from '@jixiao/projections';
import { Rulebooks } from './commands/rulebooks.js';
import type { AppConfig } from './config/app-config.js';
import { HealthRoutes } from './health/health.routes.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { IdempotencyKeys } from './idempotency/idempotency-keys.js';
import { EvaluationRoutes } from './projects/evaluation.routes.js';
import { FundingRoutes } from './projects/funding.routes.js';
import { GoalsRoutes } from './projects/goals.routes.js';
import { MonitoringRoutes } from './projects/monitoring.routes.js';
import { ProjectQueryRoutes } from './projects/project-query.routes.js';
import { ProposalRoutes } from './projects/proposal.routes.js';
import { ResultsRoutes } from './projects/results.routes.js';
import { EVENT_STORE } from './store/event-store.provider.js';
import { MetricsRoutes } from './health/metrics.routes.js';
import { AccountabilityRoutes } from './queries/accountability.routes.js';
import { DashboardRoutes } from './queries/dashboard.routes.js';
import { DeviationRoutes } from './queries/deviations.routes.js';
import { EvaluationResultRoutes } from './queries/evaluations.routes.js';
import { IndicatorProgressRoutes } from './queries/indicator-progress.routes.js';
import { ProjectListRoutes } from './queries/project-list.routes.js';
import { CLOCK, PROJECTION_RUNNER, READ_MODEL_DB, type ReadModels } from './read-models/read-models.js';
import { WorkflowHost } from './workflow/workflow-host.js';
import { WhatIfRoutes } from './workflow/what-if.routes.js';

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly store: EventStore;
  readonly readModels: ReadModels;
  readonly clock: () => Date;
}

/** The api: routes at the edge, the CommandBus in the middle, the event store underneath. */
@Module({})
export class AppModule {
  static forRoot({ config, store, readModels, clock }: AppModuleOptions): DynamicModule {
    const projects = new ProjectStates(store);
    const rulebooks = new Rulebooks(store);
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        HealthRoutes, MetricsRoutes, ProjectListRoutes, ProjectQueryRoutes, ProposalRoutes, GoalsRoutes, FundingRoutes,
        MonitoringRoutes, EvaluationRoutes, ResultsRoutes, AdminRoutes, AuditRoutes,
        DashboardRoutes, DeviationRoutes, EvaluationResultRoutes, AccountabilityRoutes, IndicatorProgressRoutes,
        WhatIfRoutes, MeRoutes,
      ],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: READ_MODEL_DB, useValue: readModels.db },
        { provide: PROJECTION_RUNNER, useValue: readModels.runner },
        { provide: CLOCK, useValue: clock },
        { provide: ProjectStates, useValue: projects },
        { provide: Rulebooks, useValue: rulebooks },
        { provide: WorkflowHost, useValue: new WorkflowHost() },
        { provide: AccessTokens, useValue: new AccessTokens(store, clock) },
        { provide: IdempotencyKeys, useValue: new IdempotencyKeys(store) },
        {
          provide: ProjectCommandExecutor,
          useValue: new ProjectCommandExecutor(store, projects, rulebooks, clock, config.conflictRetries),
        },
        CommandResponder,
        ...projectCommandHandlers,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
