import { deployedPracticeLights } from './lights.js';
import { nationalRulebook2020 } from './national-2020.js';
import type { Rulebook } from './rulebook.js';

/**
 * The default rulebook in force, "practice-2026": national-2020's grade bands, weights,
 * result policy and deadlines, with the monitoring lights of deployed practice
 * (research/domain-rules.md R19–R22): ratio bands 60/80/120 on the target prorated by
 * 序时进度 for quantity, benefit and satisfaction indicators; quality, timeliness and cost
 * green or red by the comparator; lower-is-better red on any overshoot; qualitative by
 * observed completion; budget execution ÷ 序时进度 red below 60%, yellow below 80%;
 * nothing lit before the end of June. national-2020 v1 stays as it was (the gap form),
 * because the deviations recorded before lights existed were produced by it.
 */
export const practiceRulebook2026: Rulebook = {
  ...nationalRulebook2020,
  id: 'practice-2026',
  version: 1,
  name: { en: 'Deployed practice (2026)', 'zh-CN': '通行做法（2026）' },
  lights: deployedPracticeLights,
};
