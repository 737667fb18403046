import { practiceRulebook2026 } from './practice-2026.js';
import type { Rulebook } from './rulebook.js';

/**
 * "practice-2027": practice-2026's grades, weights, lights and deadlines, with the result
 * policy of 财预〔2020〕10号 as data (research/domain-rules.md R25–R27):
 * - 优 and 良 "根据情况予以支持": finance chooses priority 优先保障 or maintain 维持;
 * - 中 "完善政策、改进管理，根据情况核减预算": rectification 整改 is ordered, and a cut of
 *   10% is allowed (finance cuts by CutBudget; the share is an illustrative default, R25);
 * - 差: cut and continue 核减后继续安排, adjust use 调整用途, not funded 不予安排 (suspend),
 *   or cancel 取消; rectification ordered; a 30% cut allowed (illustrative); accountability.
 * - "对不进行整改或整改不到位的…整改到位后再予安排": no allocation while a rectification
 *   is overdue and unverified.
 * Nothing is applied automatically: each is finance's choice among what the grade allows.
 */
export const practiceRulebook2027: Rulebook = {
  ...practiceRulebook2026,
  id: 'practice-2027',
  version: 1,
  name: { en: 'Deployed practice, 10号 result policy (2027)', 'zh-CN': '通行做法（2027，10号结果应用）' },
  resultPolicy: {
    excellent: { decisions: ['prioritise', 'maintain'], cutProportion: 0, incentiveEligible: true, accountability: false, automatic: false, ordersRectification: false },
    good: { decisions: ['prioritise', 'maintain'], cutProportion: 0, incentiveEligible: true, accountability: false, automatic: false, ordersRectification: false },
    fair: { decisions: ['maintain', 'reduce'], cutProportion: 0.1, incentiveEligible: false, accountability: false, automatic: false, ordersRectification: true },
    poor: { decisions: ['reduce', 'adjust-use', 'suspend', 'cancel'], cutProportion: 0.3, incentiveEligible: false, accountability: true, automatic: false, ordersRectification: true },
  },
  allocateWithOverdueRectification: false,
  midTermEvaluationMinYears: 5,
};

/** The rulebook a fresh installation runs until another is published. */
export const defaultRulebook: Rulebook = practiceRulebook2027;
