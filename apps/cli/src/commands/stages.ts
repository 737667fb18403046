import { formatStageTable } from '@jixiao/domain';
import type { Output } from './output.js';

/** The stage × command table (✓ allowed; anything else is refused with 409, or 404 on an empty stream): the domain's own, as text. */
export function printStageTable(out: Output): void {
  for (const line of formatStageTable().split('\n')) out.line(line);
}
