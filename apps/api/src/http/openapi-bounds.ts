import { MAX_INPUT_MAGNITUDE } from '@jixiao/domain';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * States the global number rule in the OpenAPI document: every numeric property and
 * parameter is within ±10^12 (tighter where its DTO says so, e.g. fiscalYear 2000–2100),
 * which the body parser and the validation pipe enforce for every field, documented or not.
 */
export function boundNumbersInSchemas(document: OpenAPIObject): void {
  const bound = (schema: Record<string, unknown> | undefined) => {
    if (!schema || (schema['type'] !== 'number' && schema['type'] !== 'integer')) return;
    schema['minimum'] = Math.max(Number(schema['minimum'] ?? -MAX_INPUT_MAGNITUDE), -MAX_INPUT_MAGNITUDE);
    schema['maximum'] = Math.min(Number(schema['maximum'] ?? MAX_INPUT_MAGNITUDE), MAX_INPUT_MAGNITUDE);
  };
  for (const schema of Object.values(document.components?.schemas ?? {})) {
    for (const property of Object.values((schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {})) {
      bound(property);
      bound(property['items'] as Record<string, unknown> | undefined);
    }
  }
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as { parameters?: { schema?: Record<string, unknown> }[] }[]) {
      for (const parameter of operation?.parameters ?? []) bound(parameter.schema);
    }
  }
}
