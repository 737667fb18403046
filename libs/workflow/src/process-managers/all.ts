import type { ProcessManager } from '../process-manager.js';
import { escalation } from './escalation/escalation.js';
import { lightsAssessment } from './lights-assessment/lights-assessment.js';
import { monitoringCadence } from './monitoring-cadence/monitoring-cadence.js';
import { rectificationDeadline } from './rectification-deadline/rectification-deadline.js';
import { resultApplication } from './result-application/result-application.js';
import { midTermEvaluation } from './mid-term-evaluation/mid-term-evaluation.js';

/**
 * The process managers, in the order a reader meets them in the lifecycle. Lights are
 * decided inside the commands that record the facts (DESIGN §6.2); what remains here is
 * time (timers) and follow-up commands.
 */
export const processManagers: readonly ProcessManager[] = [lightsAssessment, resultApplication, rectificationDeadline, monitoringCadence, escalation, midTermEvaluation];
