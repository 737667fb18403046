import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { boundNumbersInSchemas } from '../http/openapi-bounds.js';

/**
 * The OpenAPI document of the api, from its routes' decorators. Served at /api/docs-json and
 * written to apps/web/openapi.json by write-openapi.ts, from which the console's typed client is
 * generated; one function, so the two cannot drift apart.
 */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Jixiao 绩效 admin API')
      .setDescription(
        'Every lifecycle command of a budget project. Errors are application/problem+json. ' +
          "A project outside the caller's scope (another department's, or one not assigned to an evaluator) answers exactly like a project " +
          'that does not exist (404), on every route. Project ids the server assigns reveal nothing; an id you choose in a proposal does: ' +
          'a taken projectId answers 409 whoever owns it. Tokens expire (per-role lifetime) and can be revoked.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // Every number is within ±1e12 (issue 12), stated here so the console's client knows it too.
  boundNumbersInSchemas(document);
  return document;
}
