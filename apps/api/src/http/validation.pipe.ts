import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { problem } from './problem.js';

interface FieldError {
  readonly field: string;
  readonly constraints: string[];
}

/** Flattens nested class-validator errors to one entry per failing field path. */
function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, constraints: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Whitelist, refuse unknown fields, transform, and answer 400 listing each failing field. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => {
    const fields = flatten(errors);
    return problem(
      400,
      'validation',
      'Invalid request',
      `${fields.length} field(s) failed validation: ${fields.map((f) => f.field).join(', ')}`,
      { errors: fields },
    );
  },
});
