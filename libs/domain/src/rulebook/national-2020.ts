import type { Rulebook } from './rulebook.js';

/**
 * The default rulebook, "national-2020": grade bands and self-evaluation weights from
 * 财预〔2020〕10号 (项目支出绩效评价管理办法). The national rules leave deviation thresholds,
 * cut proportions and deadlines to the regions; the values here are common regional
 * practice and are meant to be superseded by a published local version.
 */
export const nationalRulebook2020: Rulebook = {
  id: 'national-2020',
  version: 1,
  name: { en: 'National rules (2020)', 'zh-CN': '全国规则（2020）' },
  gradeBands: [
    { grade: 'excellent', min: 90 },
    { grade: 'good', min: 80 },
    { grade: 'fair', min: 60 },
    { grade: 'poor', min: 0 },
  ],
  selfEvaluationWeights: { output: 50, benefit: 30, satisfaction: 10, executionRate: 10 },
  deviationThresholds: { yellow: 0.1, red: 0.2 },
  executionRateWarning: 0.9,
  resultPolicy: {
    excellent: { decisions: ['prioritise'], cutProportion: 0, incentiveEligible: true, accountability: false },
    good: { decisions: ['maintain'], cutProportion: 0, incentiveEligible: true, accountability: false },
    fair: { decisions: ['maintain'], cutProportion: 0.1, incentiveEligible: false, accountability: false },
    poor: { decisions: ['suspend', 'cancel'], cutProportion: 0.3, incentiveEligible: false, accountability: true },
  },
  overdueRectificationCutProportion: 0.1,
  rectificationDeadlineDays: 60,
  monitoringCadence: 'monthly',
  readingDueDays: 10,
  escalationDays: 15,
};
