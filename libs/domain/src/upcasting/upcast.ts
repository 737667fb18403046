import type { ProjectEvent } from '../project/events.js';
import type { RulebookEvent } from '../rulebook/rulebook-decider.js';
import { evaluationScoredV1ToV2 } from './evaluation-scored-v1.js';
import { monitoringReadingV1ToV2 } from './monitoring-reading-v1.js';
import { UpcasterRegistry, type StoredEventShape } from './upcaster-registry.js';

/** The registry of every schema migration the domain knows; add new upcasters here. */
export const upcasterRegistry = new UpcasterRegistry([monitoringReadingV1ToV2, evaluationScoredV1ToV2]);

/** Brings a stored event to the current schema so `evolve` only ever sees current shapes. */
export const upcast = (event: StoredEventShape): ProjectEvent | RulebookEvent | StoredEventShape =>
  upcasterRegistry.upcast(event) as ProjectEvent | RulebookEvent | StoredEventShape;
