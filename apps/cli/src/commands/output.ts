import { terminalSafe } from './terminal-text.js';

/** Where a command writes; main passes process streams, tests collect lines. One call is one line. */
export interface Output {
  line(text: string): void;
  error(text: string): void;
}

/** The terminal: every line is escaped on its way out (terminal-text.ts), whatever it quotes from the store. */
export const processOutput: Output = {
  line: (text) => process.stdout.write(terminalSafe(text) + '\n'),
  error: (text) => process.stderr.write(terminalSafe(text) + '\n'),
};

/** Pretty JSON a line at a time: JSON.stringify escapes newlines inside strings, so each of its lines is one output line. */
export const jsonLines = (out: Output, value: unknown): void => {
  for (const line of JSON.stringify(value, null, 2).split('\n')) out.line(line);
};

/** A refusal the user can fix: main prints the message alone, without a stack, and exits non-zero. */
export class UsageError extends Error {}
