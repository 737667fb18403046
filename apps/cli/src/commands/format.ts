import { GRADE_LABELS, STAGE_LABELS, DEVIATION_CAUSE_LABELS, type Grade, type LocalizedText, type StageOrNone } from '@jixiao/domain';

/** Integer fen as yuan, "¥900,000.00", without ever going through a float. */
export function yuan(fen: unknown): string {
  if (typeof fen !== 'number' || !Number.isInteger(fen)) return '¥?';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** "2026-03-01 08:00" in UTC. */
export function minute(iso: unknown): string {
  if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) return '????-??-?? ??:??';
  return new Date(iso).toISOString().slice(0, 16).replace('T', ' ');
}

export const both = (label: LocalizedText | undefined, fallback = ''): string =>
  label ? `${label['zh-CN']} ${label.en}` : fallback;

export const stageLabel = (stage: StageOrNone): string => both(STAGE_LABELS[stage], stage);
/** A self-evaluation sheet's overrides 调整得分, each with both values and its reason: " · override o1 7.14 → 7 (reason)". */
const overrides = (sheet: { rows?: Array<{ indicatorId: string; overridden?: boolean; computedPoints: number | null; points: number | null; overrideReason: string | null }> } | null | undefined): string =>
  (sheet?.rows ?? [])
    .filter((r) => r.overridden)
    .map((r) => ` · override 调整 ${r.indicatorId} ${r.computedPoints} → ${r.points} (${r.overrideReason})`)
    .join('');

export const gradeLabel = (grade: unknown): string => both(GRADE_LABELS[grade as Grade], String(grade));
export const causeLabel = (cause: unknown): string =>
  both((DEVIATION_CAUSE_LABELS as Record<string, LocalizedText>)[String(cause)], String(cause));

const percent = (share: unknown) => (typeof share === 'number' ? `${Math.round(share * 1000) / 10}%` : '?');

/** The facts of an event worth a glance in a timeline, by type; upcast data in, one short line out. */
export function keyFacts(type: string, d: Record<string, any>): string {
  switch (type) {
    case 'ProjectProposed':
      return `${d.title} · ${d.department} · FY${d.fiscalYear} · requested ${yuan(d.requestedFen)}`;
    case 'PerformanceGoalSet':
      return `${d.indicators?.length ?? 0} indicators · submission ${d.revision}`;
    case 'GoalsReviewed':
      return `grade ${gradeLabel(d.grade)} → ${d.outcome}`;
    case 'ProjectAdmitted':
    case 'ProjectRejected':
      return `review score ${d.reviewScore}${d.reasons?.length ? ` · ${d.reasons.join('; ')}` : ''}`;
    case 'BudgetAllocated':
      return `amount ${yuan(d.amountFen)}${d.documentNo ? ` · ${d.documentNo}` : ''}`;
    case 'BudgetAdjusted':
      return `${yuan(d.previousBudgetFen)} → ${yuan(d.adjustedBudgetFen)} · ${d.reason}`;
    case 'ExpenditureRecorded':
      return `amount ${yuan(d.amountFen)} · spent on ${d.spentOn}`;
    case 'MonitoringReadingRecorded':
      return `${d.indicatorId} ${d.period}: ${d.value ?? d.likelihood ?? '—'}${d.unit ? ` ${d.unit}` : ''}`;
    case 'ReadingOverdueFlagged':
      return `${d.indicatorId} ${d.period} due by ${minute(d.dueBy)}`;
    case 'TargetAdjusted':
      return `${d.indicatorId}: ${d.previousTarget} → ${d.adjustedTarget} · ${d.reason}`;
    case 'DeviationFlagged':
      return `${d.deviationId} ${d.level} on ${d.subject?.kind === 'budget' ? 'budget execution' : `${d.subject?.indicatorId} ${d.subject?.period}`} · gap ${percent(d.gap)}`;
    case 'DeviationExplained':
      return `${d.deviationId} cause ${causeLabel(d.cause)} · likelihood ${d.likelihood}`;
    case 'DeviationResolved':
    case 'DeviationEscalated':
      return `${d.deviationId}`;
    case 'EvaluatorAssigned':
      return `${d.evaluatorId} (${d.evaluatorKind})`;
    case 'EvaluationScored':
      return `${d.evaluationId} ${d.kind} · score ${d.totalScore} · grade ${gradeLabel(d.grade)} · execution ${percent(d.executionRate)}${overrides(d.sheet)}`;
    case 'ProjectPrioritised':
    case 'ProjectMaintained':
    case 'ProjectReduced':
    case 'ProjectUseAdjusted':
    case 'ProjectSuspended':
    case 'ProjectCancelled':
      return `after ${d.evaluationId} (${gradeLabel(d.grade)})${d.note ? ` · ${d.note}` : ''}`;
    case 'BudgetCut':
      return `amount ${yuan(d.amountFen)} (${percent(d.proportion)} of ${yuan(d.baseFen)}) · cause ${d.cause?.kind === 'evaluation' ? d.cause.evaluationId : d.cause?.rectificationId}`;
    case 'IncentiveGranted':
      return `${d.measure}`;
    case 'RectificationOrdered':
      return `${d.rectificationId} due ${minute(d.deadline)} · ${d.issues}`;
    case 'RectificationReported':
      return `${d.rectificationId}${d.late ? ' (late)' : ''}`;
    case 'RectificationVerified':
      return `${d.rectificationId} ${d.passed ? 'passed' : `failed: ${d.note}`}`;
    case 'AccountabilityActionTaken':
      return `${d.target}: ${d.measure}`;
    case 'ProjectClosed':
      return `${d.reason}`;
    case 'CycleOpened': {
      const c = d.carriedOver ?? {};
      const open = c.openRectificationIds?.length ? ` · open rectifications ${c.openRectificationIds.join(', ')}` : '';
      return `FY${d.fiscalYear} · requested ${yuan(d.requestedFen)} · ${d.indicators?.length ?? 0} indicators · from FY${c.fromFiscalYear}: result ${c.resultDecision ?? '—'}, cuts ${yuan(c.cutTotalFen)}, cap ${yuan(c.capFen)}${open}`;
    }
    case 'PriorCutsApplied':
      return `FY${d.fiscalYear} allocated ${yuan(d.allocatedFen)} against cap ${yuan(d.capFen)} (FY${d.fromFiscalYear} cuts ${yuan(d.cutTotalFen)}: ${(d.cutIds ?? []).join(', ') || '—'})` +
        (d.exceptionReason ? ` · exception 例外: ${d.exceptionReason}` : '');
    case 'MediumTermGoalsSet':
      return `FY${d.startYear}–FY${d.endYear} · ${d.indicators?.length ?? 0} indicators · ${d.overallGoal}`;
    case 'MidTermEvaluationOrdered':
      return `due at mid-life ${minute(d.midLifeAt)} · FY${d.fiscalYear}`;
    default:
      return '';
  }
}
