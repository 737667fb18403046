import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '@jixiao/event-store';
import { projectCommandHandlers } from '../../api/src/commands/project-command.handlers.js';
import { ProjectCommandExecutor } from '../../api/src/commands/project-command.executor.js';
import { ProjectStates } from '@jixiao/projections';
import { Rulebooks } from '../../api/src/commands/rulebooks.js';
import type { AppConfig } from '../../api/src/config/app-config.js';

/** The command side without HTTP: the CommandBus and the same handlers the api uses. */
@Module({})
export class WorkerModule {
  static forRoot({ config, store, clock }: { config: AppConfig; store: EventStore; clock: () => Date }): DynamicModule {
    const projects = new ProjectStates(store);
    const rulebooks = new Rulebooks(store);
    return {
      module: WorkerModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: Rulebooks, useValue: rulebooks },
        { provide: ProjectCommandExecutor, useValue: new ProjectCommandExecutor(store, projects, rulebooks, clock, config.conflictRetries) },
        ...projectCommandHandlers,
      ],
    };
  }
}
