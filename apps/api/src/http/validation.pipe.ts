import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { problem } from './problem.js';
import { inputFaults, type FieldFault } from './input-rules.js';
import { textFault } from './text-validity.js';

/** Flattens nested class-validator errors to one entry per failing field path. */
function flatten(errors: readonly ValidationError[], parent = ''): FieldFault[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, constraints: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const refuse = (fields: FieldFault[]) =>
  problem(400, 'validation', 'Invalid request', `${fields.length} field(s) failed validation: ${fields.map((f) => f.field).join(', ')}`, {
    errors: fields,
  });

/**
 * Whitelist, refuse unknown fields, transform, and answer 400 listing each failing field.
 * Before the DTO's own rules, path and query parameters meet the input rules every body
 * met in its parser (text validity, single-line); after the transform, every number a
 * parameter became must be within ±10^12 (an offset of 1e19 reached the database).
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' || metadata.type === 'query') {
      const named = metadata.type === 'param' && metadata.data ? { [metadata.data]: value } : value;
      const faults = [...singleLineFaults(named), ...inputFaults(named)];
      if (faults.length) throw refuse(faults.filter((f, i) => faults.findIndex((g) => g.field === f.field) === i));
    }
    const result = await super.transform(value, metadata);
    if (metadata.type === 'query') {
      const faults = inputFaults(result === null || typeof result !== 'object' ? {} : { ...result });
      if (faults.length) throw refuse(faults);
    }
    return result;
  }
}

/** Parameters are one line each: a newline or tab in a path or query value is refused. */
function singleLineFaults(value: unknown): FieldFault[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([field, item]) => {
    const values = Array.isArray(item) ? item : [item];
    const fault = values.map((v) => (typeof v === 'string' ? textFault(v) : undefined)).find((f) => f !== undefined);
    return fault ? [{ field, constraints: [`${field} ${fault}`] }] : [];
  });
}

export const validationPipe = new EdgeValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => refuse(flatten(errors)),
});
