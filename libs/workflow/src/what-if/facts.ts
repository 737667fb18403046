import { LIGHT_EVENT_TYPES, RESULT_EVENT_TYPE, withFiscalYears, type Grade } from '@jixiao/domain';
import type { JsonObject } from '@jixiao/event-store';

/** One fact that differs between the history as it happened and the what-if history. */
export interface Difference<T> {
  /** The fact's key, unique across the project's life (ids are, since cycles). */
  readonly key: string;
  /** The fiscal year 预算年度 the fact belongs to (the actual one's when both exist). */
  readonly fiscalYear: number;
  readonly actual: T | null;
  readonly whatIf: T | null;
}

/** An event of one project's stream as the comparison reads it; `metadata` gives its fiscal year when recorded. */
export interface FactEvent {
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

/** A fact's value and the fiscal year it belongs to. */
type Keyed<T> = Map<string, { value: T; fiscalYear: number }>;

export interface Facts {
  readonly flags: Keyed<string>;
  readonly lights: Keyed<string>;
  readonly grades: Keyed<Grade>;
  readonly cuts: Keyed<{ proportion: number; amountFen: number }>;
  readonly results: Keyed<string>;
  readonly accountability: Keyed<string>;
}

const RESULT_TYPES: ReadonlySet<string> = new Set(Object.values(RESULT_EVENT_TYPE));

/** Where a light event sits: the indicator and the period of the reading that lit it, or budget execution and its date. */
const lightKey = (data: JsonObject): string => {
  const s = data['subject'] as { kind: string; indicatorId?: string; period?: string };
  return s.kind === 'budget' ? `budget@${data['asOf']}` : `${s.indicatorId}@${s.period}`;
};

const causeKey = (data: JsonObject): string => {
  const c = data['cause'] as { kind: string; evaluationId?: string; rectificationId?: string };
  return `${c.kind}:${c.evaluationId ?? c.rectificationId}`;
};

/**
 * The facts a report compares, keyed so that the same fact matches across both histories,
 * each with its fiscal year (the domain's `withFiscalYears`: the recorded metadata, else
 * the year a proposal or a new cycle names, else the year before). `events` is one
 * project's stream in order.
 */
export function factsOf(events: readonly FactEvent[]): Facts {
  const facts: Facts = { flags: new Map(), lights: new Map(), grades: new Map(), cuts: new Map(), results: new Map(), accountability: new Map() };
  for (const { event, fiscalYear } of withFiscalYears(events)) {
    const { type, data } = event;
    const set = <T>(map: Keyed<T>, key: string, value: T) => map.set(key, { value, fiscalYear });
    if (type === 'DeviationFlagged' && (data['subject'] as { kind: string }).kind === 'budget' && !String(data['deviationId']).startsWith('light-')) {
      // A flag from before lights were decided with the facts (national-2020 v1's process manager).
      set(facts.flags, `budget:${data['deviationId']}`, data['level'] as string);
    } else if ((LIGHT_EVENT_TYPES as readonly string[]).includes(type)) {
      const light = (data['level'] ?? data['light']) as string;
      set(facts.lights, `${lightKey(data)}:${type}`, light);
      if (light === 'yellow' || light === 'red') set(facts.flags, lightKey(data), light);
    }
    if (type === 'EvaluationScored' && data['drivesResults']) set(facts.grades, data['evaluationId'] as string, data['grade'] as Grade);
    if (type === 'BudgetCut') set(facts.cuts, causeKey(data), { proportion: data['proportion'] as number, amountFen: data['amountFen'] as number });
    if (RESULT_TYPES.has(type)) set(facts.results, data['evaluationId'] as string, type);
    if (type === 'AccountabilityActionTaken') set(facts.accountability, causeKey(data), data['measure'] as string);
  }
  return facts;
}

/**
 * Where the two maps differ, sorted by key; with `fiscalYear`, only the facts of that
 * year (a fact counts for the year either history puts it in).
 */
export function differences<T>(actual: Keyed<T>, whatIf: Keyed<T>, fiscalYear: number | null): Difference<T>[] {
  const keys = [...new Set([...actual.keys(), ...whatIf.keys()])].sort();
  const out: Difference<T>[] = [];
  for (const key of keys) {
    const a = actual.get(key);
    const w = whatIf.get(key);
    if (fiscalYear !== null && a?.fiscalYear !== fiscalYear && w?.fiscalYear !== fiscalYear) continue;
    if (JSON.stringify(a?.value ?? null) === JSON.stringify(w?.value ?? null)) continue;
    out.push({ key, fiscalYear: (a ?? w)!.fiscalYear, actual: a?.value ?? null, whatIf: w?.value ?? null });
  }
  return out;
}
