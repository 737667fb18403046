/** Where a command writes; main passes process streams, tests collect lines. */
export interface Output {
  line(text: string): void;
  error(text: string): void;
}

export const processOutput: Output = {
  line: (text) => process.stdout.write(text + '\n'),
  error: (text) => process.stderr.write(text + '\n'),
};

/** A refusal the user can fix: main prints the message alone, without a stack, and exits non-zero. */
export class UsageError extends Error {}
