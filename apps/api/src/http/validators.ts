import { applyDecorators } from '@nestjs/common';
import { hasAtMostTwoDecimals, isCalendarDate, isInstant, MAX_INPUT_MAGNITUDE, parseInstant } from '@jixiao/domain';
import { IsNumber, IsString, Max, MaxLength, Min, MinLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { textFault } from './text-validity.js';

/**
 * The decorators a DTO field uses for text, numbers and dates, so each rule is written
 * once: text per text-validity (DESIGN §6.6), numbers within ±10^12, dates and instants
 * through the domain's strict parsers (no rollover of 30 February).
 */

/** Text of `min`–`max` characters obeying text-validity; `multiline` allows newline and tab. */
export const Text = (options: { max: number; min?: number; multiline?: boolean }, validation?: ValidationOptions) =>
  applyDecorators(
    IsString(validation),
    ...(options.min !== undefined ? [MinLength(options.min, validation)] : []),
    MaxLength(options.max, validation),
    ValidateBy(
      {
        name: 'validText',
        validator: {
          validate: (value: unknown) => typeof value !== 'string' || textFault(value, { multiline: options.multiline ?? false }) === undefined,
          defaultMessage: (args) => `${args?.property} ${textFault(String(args?.value), { multiline: options.multiline ?? false }) ?? 'is not valid text'}`,
        },
      },
      validation,
    ),
  );

/** A finite number within ±10^12, or within [min, max] when tighter. */
export const BoundedNumber = (options: { min?: number; max?: number } = {}, validation?: ValidationOptions) =>
  applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }, validation),
    Min(Math.max(options.min ?? -MAX_INPUT_MAGNITUDE, -MAX_INPUT_MAGNITUDE), validation),
    Max(Math.min(options.max ?? MAX_INPUT_MAGNITUDE, MAX_INPUT_MAGNITUDE), validation),
  );

/** At most two decimals (indicator points 指标得分). */
export const Hundredths = (validation?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'hundredths',
      validator: {
        validate: (value: unknown) => typeof value !== 'number' || hasAtMostTwoDecimals(value),
        defaultMessage: (args) => `${args?.property} must have at most two decimals`,
      },
    },
    validation,
  );

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export const IsCalendarDate = (validation?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'calendarDate',
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a calendar date that exists, YYYY-MM-DD`,
      },
    },
    validation,
  );

/** An ISO-8601 instant in UTC with seconds, e.g. 2026-10-31T00:00:00Z, that exists on the calendar. */
export const IsUtcInstant = (validation?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'utcInstant',
      validator: {
        validate: (value: unknown) => isInstant(value),
        defaultMessage: (args) => `${args?.property} must be an ISO-8601 instant in UTC, e.g. 2026-10-31T00:00:00Z`,
      },
    },
    validation,
  );

/** An ISO-8601 instant with a zone (Z or ±HH:MM) that exists on the calendar. */
export const IsZonedInstant = (validation?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'zonedInstant',
      validator: {
        validate: (value: unknown) => parseInstant(value) !== undefined,
        defaultMessage: (args) => `${args?.property} must be an ISO-8601 instant with a zone that exists, e.g. 2026-03-01T08:00:00Z`,
      },
    },
    validation,
  );
