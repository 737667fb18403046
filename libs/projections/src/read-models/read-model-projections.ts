import type { Projection } from '../runner/projection.js';
import { accountabilityProjection } from './accountability/accountability.projection.js';
import { dashboardProjection } from './dashboard/dashboard.projection.js';
import { deviationsProjection } from './deviations/deviations.projection.js';
import { evaluationsProjection } from './evaluations/evaluations.projection.js';
import { indicatorsProjection } from './indicators/indicators.projection.js';
import { projectsProjection } from './projects/projects.projection.js';

/** Every read model the api serves; the runner feeds them together from one read of the log. */
export const readModelProjections: readonly Projection[] = [
  projectsProjection,
  dashboardProjection,
  deviationsProjection,
  evaluationsProjection,
  accountabilityProjection,
  indicatorsProjection,
];
