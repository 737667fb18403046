import type { Decision } from '../shared/decision.js';
import type { ProjectEvent } from './events.js';

export type ProjectDecision = Decision<ProjectEvent>;
