import type { WorkflowEngine } from '@jixiao/workflow';
import { UsageError, type Output } from './output.js';

/**
 * `workflow parked`: the reactions the workflow set aside (issue 11), oldest first, one
 * line each: id, process manager, event type and position, project, failure kind and
 * tries, then the error. `--json` prints them as a JSON array.
 */
export async function workflowParked(engine: WorkflowEngine, out: Output, options: { json?: boolean } = {}): Promise<number> {
  const parked = await engine.listParked();
  if (options.json) {
    out.line(JSON.stringify(parked, null, 2));
    return parked.length;
  }
  if (parked.length === 0) out.line('no parked reactions');
  for (const p of parked) {
    out.line(`${p.id}  ${p.eventType} at ${p.position}, project ${JSON.stringify(p.projectId)}, ${p.failure} after ${p.attempts} tr${p.attempts === 1 ? 'y' : 'ies'}, parked ${p.parkedAt}`);
    out.line(`    ${p.error}`);
  }
  return parked.length;
}

/**
 * `workflow retry <id>`: carries out one parked reaction again, after its cause was fixed.
 * Its commands go under the idempotency keys of the first delivery, so nothing already
 * written is written twice. Prints the outcome; an unknown id is a usage error, a reaction
 * that fails again stays parked with its new error (exit code 1).
 */
export async function workflowRetry(engine: WorkflowEngine, id: string, out: Output): Promise<boolean> {
  const result = await engine.retryParked(id);
  if (result.outcome === 'unknown') throw new UsageError(`No parked reaction "${id}" (see: workflow parked)`);
  if (result.outcome === 'failed') {
    out.error(`${id} failed again and stays parked: ${result.error}`);
    return false;
  }
  out.line(`${id} carried out; no longer parked`);
  return true;
}
