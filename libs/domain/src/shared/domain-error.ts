import type { LocalizedText } from './localized-text.js';

/**
 * Why a command was refused. The API maps the kind to an HTTP status:
 * not-found → 404, wrong-stage → 409, invariant → 422.
 */
export type DomainErrorKind = 'not-found' | 'wrong-stage' | 'invariant';

/**
 * A refusal is a value the decider returns, never an exception it throws: refusing a
 * command is an ordinary business outcome. `ruleId` is stable so clients, tests and
 * problem+json `type` URIs can rely on it; the message is for people.
 */
export class DomainError {
  constructor(
    readonly kind: DomainErrorKind,
    readonly ruleId: string,
    readonly message: LocalizedText,
    /** Facts that explain the refusal (field names, amounts), for problem+json. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {}
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

export const invariant = (
  ruleId: string,
  en: string,
  zhCN: string,
  details?: Record<string, unknown>,
): DomainError => new DomainError('invariant', ruleId, { en, 'zh-CN': zhCN }, details);
