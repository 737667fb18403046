import type { Rulebook } from '../rulebook/rulebook.js';

/**
 * Everything `decide` needs from outside the stream: the business time of the command
 * and the rulebook version in force. The caller reads both; the domain reads neither.
 */
export interface DecideContext {
  /** ISO-8601 UTC instant. */
  now: string;
  rulebook: Rulebook;
}
