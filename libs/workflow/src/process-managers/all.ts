import type { ProcessManager } from '../process-manager.js';
import { deviationCheck } from './deviation-check/deviation-check.js';
import { escalation } from './escalation/escalation.js';
import { monitoringCadence } from './monitoring-cadence/monitoring-cadence.js';
import { rectificationDeadline } from './rectification-deadline/rectification-deadline.js';
import { resultApplication } from './result-application/result-application.js';

/** The five process managers of issue 6, in the order a reader meets them in the lifecycle. */
export const processManagers: readonly ProcessManager[] = [deviationCheck, resultApplication, rectificationDeadline, monitoringCadence, escalation];
