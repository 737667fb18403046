/** Every budget project is one stream, named after its id. */
export const projectStream = (projectId: string): string => `project-${projectId}`;

export { rulebookStream } from '../rulebook/rulebook-decider.js';
