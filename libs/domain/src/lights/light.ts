import type { RulebookRef } from '../rulebook/rulebook.js';

/**
 * A monitoring light 预警灯: green 绿灯 (on track), yellow 黄灯 and red 红灯 (warnings),
 * blue 蓝灯 (at 120% or more of the prorated target: the target was set too low).
 */
export type Light = 'green' | 'yellow' | 'red' | 'blue';
export type WarningLight = 'yellow' | 'red';

export const isWarning = (light: Light | null): light is WarningLight => light === 'yellow' || light === 'red';

/** Observed completion 完成情况 of a qualitative indicator: 达到 / 部分达到 / 未达到. */
export type Completion = 'achieved' | 'partly-achieved' | 'not-achieved';
export const COMPLETIONS: readonly Completion[] = ['achieved', 'partly-achieved', 'not-achieved'];

/**
 * What a light rule found, as of a business date. Units: an indicator's `expected` and
 * `actual` are in its unit; budget execution's are fen.
 */
export interface Judgement {
  light: Light;
  /** The prorated target (or the target, or the ceiling); for the budget, fen expected spent by `asOf`. Null when qualitative. */
  expected: number | null;
  actual: number | null;
  /** Actual ÷ expected (indicators) or execution rate ÷ 序时进度 (budget); null when the rule is not a ratio. */
  ratio: number | null;
  /** Shortfall (or overshoot of a ceiling) as a share of the target; 0 when on track. */
  gap: number;
  /** 序时进度 at `asOf`, 0–1. */
  progress: number;
  /** The business date judged: the end of a reading's period, a `spentOn`, an assessment date. */
  asOf: string;
}

/** Which light: an indicator's (named with the reading that lit it) or budget execution's. */
export type LitSubject = { kind: 'indicator'; indicatorId: string; readingId: string; period: string } | { kind: 'budget' };

/** The light a project holds for one subject, and the business date it was judged at. */
export interface SubjectLight {
  subject: LitSubject;
  light: Light;
  asOf: string;
}

export const sameSubject = (a: LitSubject, b: LitSubject): boolean =>
  a.kind === 'budget' ? b.kind === 'budget' : b.kind === 'indicator' && a.indicatorId === b.indicatorId;

export type { RulebookRef };
