import type { ProjectionRunner } from '@jixiao/projections';
import { UsageError, type Output } from './output.js';
import { progressBar } from './progress.js';

export interface RebuildOptions {
  /** Draw a progress bar on stderr (main: only when stderr is a TTY). */
  readonly progress?: boolean;
}

/**
 * Rebuilds read models from position zero: drops and recreates the named projection's
 * tables (or every projection's), puts its checkpoint back at zero, then catches up with
 * the store. The others keep their place and pass over events they have already seen.
 */
export async function rebuild(
  runner: ProjectionRunner,
  name: string | undefined,
  out: Output,
  options: RebuildOptions = {},
): Promise<{ rebuilt: string[]; position: number }> {
  const chosen = name === undefined ? runner.projections : runner.projections.filter((p) => p.name === name);
  if (chosen.length === 0) {
    throw new UsageError(`No projection "${name}"; there are: ${runner.projections.map((p) => p.name).join(', ')}`);
  }
  for (const projection of chosen) await runner.reset(projection);
  const bar = progressBar(options.progress, 'rebuilding');
  const began = performance.now();
  await runner.catchUp((position, head) => bar.update(position, head));
  bar.stop();
  const status = await runner.status();
  const position = Math.min(...status.filter((s) => chosen.some((p) => p.name === s.name)).map((s) => s.position));
  const seconds = (performance.now() - began) / 1000;
  out.line(`rebuilt ${chosen.map((p) => `${p.name} v${p.version}`).join(', ')} to position ${position} in ${seconds.toFixed(1)} s`);
  return { rebuilt: chosen.map((p) => p.name), position };
}
