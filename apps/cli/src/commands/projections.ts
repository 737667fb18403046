import type { ProjectionRunner } from '@jixiao/projections';
import { UsageError, type Output } from './output.js';

/** `projections parked`: events read models set aside (issue 11), by projection and position. */
export async function projectionsParked(runner: ProjectionRunner, out: Output): Promise<number> {
  const parked = await runner.parked.list();
  if (parked.length === 0) out.line('no parked events');
  for (const p of parked) out.line(`${p.projection}  position ${p.position}, key ${JSON.stringify(p.key)}, parked ${p.parkedAt}: ${p.error}`);
  return parked.length;
}

/**
 * `projections retry [projection]`: applies each parked key's events again in order, after
 * a fix. A key whose events all apply leaves the list; the result equals a rebuild from zero
 * (`rebuild` does that instead, from scratch).
 */
export async function projectionsRetry(runner: ProjectionRunner, name: string | undefined, out: Output): Promise<boolean> {
  if (name !== undefined && !runner.projections.some((p) => p.name === name)) {
    throw new UsageError(`No projection "${name}"; there are: ${runner.projections.map((p) => p.name).join(', ')}`);
  }
  const { applied, stillFailing } = await runner.retryParked(name);
  out.line(`applied the parked events of ${applied} key(s); ${stillFailing} still failing`);
  return stillFailing === 0;
}
