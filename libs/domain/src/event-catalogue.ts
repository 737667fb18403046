import { text, type LocalizedText } from './shared/localized-text.js';

export interface CatalogueEntry {
  /** The version decide writes today; older stored versions go through upcasting/. */
  schemaVersion: number;
  label: LocalizedText;
}

/**
 * Every event type the domain writes, with its current schema version and a label for
 * timelines and audit views. The project decider builds events from this table, so a
 * version bump here is the single place a schema change starts.
 */
export const eventCatalogue = {
  ProjectProposed: { schemaVersion: 1, label: text('Project proposed', '项目已申报') },
  PerformanceGoalSet: { schemaVersion: 1, label: text('Performance goals set', '绩效目标已设定') },
  GoalsReviewed: { schemaVersion: 1, label: text('Goals reviewed', '绩效目标已审核') },
  ProjectAdmitted: { schemaVersion: 1, label: text('Admitted to the project library', '项目已入库') },
  ProjectRejected: { schemaVersion: 1, label: text('Not admitted', '项目未入库') },
  BudgetAllocated: { schemaVersion: 1, label: text('Budget allocated', '预算已批复') },
  BudgetAdjusted: { schemaVersion: 1, label: text('Budget adjusted', '预算已调整') },
  ExpenditureRecorded: { schemaVersion: 1, label: text('Expenditure recorded', '支出已登记') },
  MonitoringReadingRecorded: { schemaVersion: 3, label: text('Monitoring reading recorded', '监控数据已填报') },
  ReadingOverdueFlagged: { schemaVersion: 1, label: text('Reading overdue', '监控数据逾期未报') },
  TargetAdjusted: { schemaVersion: 1, label: text('Target adjusted', '绩效目标值已调整') },
  DeviationFlagged: { schemaVersion: 2, label: text('Deviation flagged', '偏差已预警') },
  DeviationRaised: { schemaVersion: 1, label: text('Deviation raised to red', '偏差预警升为红灯') },
  DeviationLowered: { schemaVersion: 1, label: text('Deviation lowered to yellow', '偏差预警降为黄灯') },
  DeviationCleared: { schemaVersion: 1, label: text('Deviation cleared', '偏差预警已解除') },
  LightAssessed: { schemaVersion: 1, label: text('Light assessed', '预警灯已评定') },
  DeviationExplained: { schemaVersion: 1, label: text('Deviation explained', '偏差原因已说明') },
  DeviationResolved: { schemaVersion: 1, label: text('Deviation resolved', '偏差已纠正') },
  DeviationEscalated: { schemaVersion: 1, label: text('Deviation escalated', '偏差已升级') },
  EvaluatorAssigned: { schemaVersion: 1, label: text('Evaluator assigned', '评价主体已指派') },
  EvaluationScored: { schemaVersion: 2, label: text('Evaluation scored', '绩效评价已评分') },
  ProjectPrioritised: { schemaVersion: 1, label: text('Project prioritised', '项目优先保障') },
  ProjectMaintained: { schemaVersion: 1, label: text('Project maintained', '项目维持') },
  ProjectSuspended: { schemaVersion: 1, label: text('Project suspended', '项目暂停') },
  ProjectCancelled: { schemaVersion: 1, label: text('Project cancelled', '项目取消') },
  ProjectReduced: { schemaVersion: 1, label: text('Project continued at a reduced amount', '项目核减后继续安排') },
  ProjectUseAdjusted: { schemaVersion: 1, label: text('Use of funds adjusted', '项目调整资金用途') },
  BudgetCut: { schemaVersion: 1, label: text('Budget cut', '预算已削减') },
  IncentiveGranted: { schemaVersion: 1, label: text('Incentive granted', '已给予激励') },
  RectificationOrdered: { schemaVersion: 1, label: text('Rectification ordered', '已下达整改') },
  RectificationReported: { schemaVersion: 1, label: text('Rectification reported', '整改情况已报告') },
  RectificationVerified: { schemaVersion: 1, label: text('Rectification verified', '整改已核验') },
  AccountabilityActionTaken: { schemaVersion: 1, label: text('Accountability action taken', '已问责') },
  ProjectClosed: { schemaVersion: 1, label: text('Project closed', '项目已关闭') },
  CycleOpened: { schemaVersion: 1, label: text('Next fiscal year requested', '下一年度预算已申报') },
  PriorCutsApplied: { schemaVersion: 1, label: text("Last year's cuts applied", '上年度削减已落实') },
  MediumTermGoalsSet: { schemaVersion: 1, label: text('Medium-term goals set', '中期目标已设定') },
  MidTermEvaluationOrdered: { schemaVersion: 1, label: text('Mid-term evaluation ordered', '已下达中期评价') },
  RulebookPublished: { schemaVersion: 1, label: text('Rulebook published', '规则库已发布') },
} as const satisfies Record<string, CatalogueEntry>;

export type CataloguedEventType = keyof typeof eventCatalogue;
