/** One well-formed command of every type, for table-driven and property tests. */
import type { ProjectCommand } from '../project/commands.js';
import type { ProjectCommandType } from '../project/stages.js';
import { GOOD_SCORES, INDICATORS, REQUESTED_FEN } from './fixtures.js';

export const sampleCommand: { [T in ProjectCommandType]: Extract<ProjectCommand, { type: T }> } = {
  ProposeProject: {
    type: 'ProposeProject',
    projectId: 'water-2025',
    department: 'water-bureau',
    title: 'Rural drinking-water safety 2025',
    category: 'specific-purpose',
    fiscalYear: 2025,
    requestedFen: REQUESTED_FEN,
  },
  SetPerformanceGoals: { type: 'SetPerformanceGoals', overallGoal: 'Safe water', indicators: INDICATORS },
  ReviewGoals: { type: 'ReviewGoals', grade: 'good' },
  DecideAdmission: { type: 'DecideAdmission', decision: 'admit', reviewScore: 88 },
  AllocateBudget: { type: 'AllocateBudget', amountFen: REQUESTED_FEN },
  AdjustBudget: { type: 'AdjustBudget', newBudgetFen: REQUESTED_FEN + 100, reason: 'Flood repairs' },
  RecordExpenditure: { type: 'RecordExpenditure', expenditureId: 'x-sample', amountFen: 100, spentOn: '2025-03-01' },
  RecordReading: { type: 'RecordReading', readingId: 'r-sample', indicatorId: 'households', period: '2025-03', value: 100 },
  AdjustTarget: { type: 'AdjustTarget', indicatorId: 'households', adjustedTarget: 1000, reason: 'Relocation' },
  FlagReadingOverdue: { type: 'FlagReadingOverdue', indicatorId: 'households', period: '2025-01' },
  AssessLights: { type: 'AssessLights', asOf: '2025-06-30' },
  FlagDeviation: { type: 'FlagDeviation', deviationId: 'd-sample', subject: { kind: 'budget' } },
  ExplainDeviation: { type: 'ExplainDeviation', deviationId: 'd-sample', cause: 'staff', measures: 'Hire', likelihood: 'possible' },
  ResolveDeviation: { type: 'ResolveDeviation', deviationId: 'd-sample', resolution: 'Hired' },
  EscalateDeviation: { type: 'EscalateDeviation', deviationId: 'd-sample' },
  AssignEvaluator: { type: 'AssignEvaluator', evaluatorId: 'cpa-firm', evaluatorKind: 'third-party' },
  ScoreEvaluation: {
    type: 'ScoreEvaluation',
    evaluationId: 'eval-sample',
    kind: 'finance',
    evaluatorId: 'finance-bureau',
    scores: GOOD_SCORES,
    executionRateReason: 'Tender delayed',
  },
  ApplyResult: { type: 'ApplyResult', evaluationId: 'eval-1', decision: 'maintain' },
  CutBudget: { type: 'CutBudget', cutId: 'cut-sample', cause: { kind: 'evaluation', evaluationId: 'eval-1' } },
  GrantIncentive: { type: 'GrantIncentive', incentiveId: 'inc-sample', evaluationId: 'eval-1', measure: 'Priority' },
  OrderRectification: { type: 'OrderRectification', rectificationId: 'rect-sample', issues: 'Records incomplete' },
  ReportRectification: { type: 'ReportRectification', rectificationId: 'rect-sample', report: 'Done' },
  VerifyRectification: { type: 'VerifyRectification', rectificationId: 'rect-sample', passed: true },
  TakeAccountabilityAction: {
    type: 'TakeAccountabilityAction',
    actionId: 'acc-sample',
    cause: { kind: 'rectification', rectificationId: 'rect-sample' },
    target: 'Finance office',
    measure: 'Criticism',
  },
  CloseProject: { type: 'CloseProject', reason: 'Done' },
};
