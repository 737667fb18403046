/**
 * npm run openapi — writes apps/web/openapi.json from the api's own route decorators, without
 * opening any store: the module is built on a store and read models that refuse every use, and
 * the app is never initialised or started, so no route, runner or timer can touch them.
 * Then `openapi-typescript` turns it into apps/web/src/api/schema.d.ts (both committed).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { EventStore } from '@jixiao/event-store';
import { AppModule } from '../app.module.js';
import { loadConfig } from '@jixiao/application';
import type { ReadModels } from '@jixiao/application';
import { openApiDocument } from './openapi-document.js';
import { repositoryRoot } from '../web/web-console.js';

/** Any use fails loudly: writing the document must not depend on data. */
const unopened = <T extends object>(what: string): T =>
  new Proxy({} as T, {
    get: (_target, name) =>
      // Nest probes values for lifecycle hooks and thenables; those are simply absent.
      typeof name === 'symbol' || name === 'then' || /^on[A-Z]|^before[A-Z]/.test(name)
        ? undefined
        : () => {
            throw new Error(`write-openapi opens no ${what} (called ${name})`);
          },
  });

/** The same prefix and versioning as createApp (app.ts); test/web/openapi-types.e2e.spec.ts proves the output equal to the live document. */
export async function describeApiWithoutStore(): Promise<ReturnType<typeof openApiDocument>> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({
      config: { ...loadConfig({}), workflow: false },
      store: unopened<EventStore>('event store'),
      readModels: { db: unopened('read-model database'), runner: unopened('projection runner') } as ReadModels,
      clock: () => new Date(),
    }),
    new FastifyAdapter(),
    { logger: false },
  );
  app.setGlobalPrefix('api', { exclude: ['health', 'health/details', 'metrics'] });
  app.enableVersioning({ type: VersioningType.URI });
  const document = openApiDocument(app);
  await app.close();
  return document;
}

if (process.argv[1]?.endsWith('write-openapi.js')) {
  const target = join(repositoryRoot(), 'apps', 'web', 'openapi.json');
  writeFileSync(target, JSON.stringify(await describeApiWithoutStore(), null, 2) + '\n');
  console.log(`wrote ${target}`);
}
