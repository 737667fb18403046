import type { Projection } from '../runner/projection.js';
import { projectsProjection } from './projects/projects.projection.js';

/** Every read model the api serves; the runner feeds them together from one read of the log. */
export const readModelProjections: readonly Projection[] = [projectsProjection];
