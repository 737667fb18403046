import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessTokens, ReadModelTokenUsage, ProjectCommands, ProjectStates, Rulebooks, type AppConfig, type ReadModels } from '@jixiao/application';
import type { EventStore } from '@jixiao/event-store';
import { AdminRoutes } from './admin/admin.routes.js';
import { AuditRoutes } from './audit/audit.routes.js';
import { AuthGuard } from './auth/auth.guard.js';
import { MeRoutes } from './auth/me.routes.js';
import { CommandResponder } from './commands/command-responder.js';
import { ProjectCommandHandler } from './commands/project-command.handler.js';
import { HealthRoutes } from './health/health.routes.js';
import { SelfEvaluationDraftRoutes } from './projects/evaluation/self-evaluation-draft.routes.js';
import { MetricsRoutes } from './health/metrics.routes.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { AdmissionRoutes } from './projects/admission/admission.routes.js';
import { AllocationRoutes } from './projects/allocation/allocation.routes.js';
import { ClosureRoutes } from './projects/closure/closure.routes.js';
import { CycleRoutes } from './projects/cycles/cycles.routes.js';
import { EvaluationRoutes } from './projects/evaluation/evaluation.routes.js';
import { GoalsRoutes } from './projects/goals/goals.routes.js';
import { MonitoringRoutes } from './projects/monitoring/monitoring.routes.js';
import { ProjectQueryRoutes } from './projects/project-query.routes.js';
import { ProposalRoutes } from './projects/proposal/proposal.routes.js';
import { RectificationRoutes } from './projects/rectification/rectification.routes.js';
import { ResultsRoutes } from './projects/results/results.routes.js';
import { AccountabilityRoutes } from './queries/accountability.routes.js';
import { DashboardRoutes } from './queries/dashboard.routes.js';
import { DeviationRoutes } from './queries/deviations.routes.js';
import { EvaluationResultRoutes } from './queries/evaluations.routes.js';
import { IndicatorProgressRoutes } from './queries/indicator-progress.routes.js';
import { ProjectListRoutes } from './queries/project-list.routes.js';
import { CLOCK, EVENT_STORE, PROJECTION_RUNNER, READ_MODEL_DB } from './tokens.js';
import { WhatIfRoutes } from './workflow/what-if.routes.js';
import { WorkflowHost } from './workflow/workflow-host.js';
import { loadTransparencyConfig } from '@jixiao/application';
import { Transparency } from './transparency/transparency.js';
import { TransparencyRoutes } from './transparency/transparency.routes.js';

export interface AppModuleOptions {
  readonly config: AppConfig;
  readonly store: EventStore;
  readonly readModels: ReadModels;
  readonly clock: () => Date;
}

/** The api: routes at the edge, the CommandBus in the middle, @jixiao/application and the event store underneath. */
@Module({})
export class AppModule {
  static forRoot({ config, store, readModels, clock }: AppModuleOptions): DynamicModule {
    const projects = new ProjectStates(store);
    const rulebooks = new Rulebooks(store, config.rulebookId);
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [
        HealthRoutes, MetricsRoutes, ProjectListRoutes, ProjectQueryRoutes,
        ProposalRoutes, GoalsRoutes, AdmissionRoutes, AllocationRoutes, MonitoringRoutes, EvaluationRoutes,
        ResultsRoutes, RectificationRoutes, CycleRoutes, ClosureRoutes,
        AdminRoutes, AuditRoutes,
        DashboardRoutes, DeviationRoutes, EvaluationResultRoutes, AccountabilityRoutes, IndicatorProgressRoutes,
        WhatIfRoutes, SelfEvaluationDraftRoutes, MeRoutes,
        TransparencyRoutes,
      ],
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: READ_MODEL_DB, useValue: readModels.db },
        { provide: PROJECTION_RUNNER, useValue: readModels.runner },
        { provide: CLOCK, useValue: clock },
        { provide: ProjectStates, useValue: projects },
        { provide: Rulebooks, useValue: rulebooks },
        { provide: WorkflowHost, useValue: new WorkflowHost() },
        { provide: Transparency, useValue: new Transparency(store, loadTransparencyConfig(config), clock) },
        { provide: AccessTokens, useValue: new AccessTokens(store, clock, config.tokenLifetimeDays, new ReadModelTokenUsage(readModels.db)) },
        { provide: ProjectCommands, useValue: new ProjectCommands(store, projects, rulebooks, clock, config.conflictRetries) },
        CommandResponder,
        ProjectCommandHandler,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
