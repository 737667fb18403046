import { computed, ref, watch, type Ref } from 'vue';
import { timeProgressAt } from '../../../../../libs/domain/src/shared/period';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type DashboardRow = components['schemas']['DepartmentDashboardRowDto'];
/** The four grades the Overview charts (低 exists only under a five-grade rulebook, none of them the default). */
export type Grade = Exclude<keyof DashboardRow['grades'], 'low'>;
export const grades: readonly Grade[] = ['excellent', 'good', 'fair', 'poor'];

/** One department's Overview figures (fen, 0–1 rates), straight from GET /api/v1/dashboards/departments. */
export interface OverviewRow extends DashboardRow {
  /**
   * Funds taken back by adjustment 调减收回: allocated minus the budget in force, when positive (fen).
   * The api has no recovery (收回统筹) event yet; a downward adjustment is how a bureau takes funds back today.
   */
  readonly recoveredFen: number;
}

const sum = (rows: readonly OverviewRow[], pick: (row: OverviewRow) => number) => rows.reduce((total, row) => total + pick(row), 0);

/** The Overview of one fiscal year: rows per department, their totals, and 序时进度 by the domain's own rule. */
export function useOverview(fiscalYear: Ref<number>) {
  const rows = ref<OverviewRow[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  async function load() {
    loaded.value = false;
    error.value = null;
    try {
      const data = unwrap(await api.GET('/api/v1/dashboards/departments', { params: { query: { fiscalYear: fiscalYear.value } } }));
      rows.value = data.departments.map((row) => ({ ...row, recoveredFen: Math.max(0, row.allocatedFen - row.adjustedBudgetFen) }));
      loaded.value = true;
      performance.mark('jixiao:overview-data');
    } catch (e) {
      error.value = (e as Error).message;
    }
  }
  watch(fiscalYear, load, { immediate: true });

  const totals = computed(() => {
    const all = rows.value;
    const budget = sum(all, (r) => r.adjustedBudgetFen);
    const executed = sum(all, (r) => r.spentFen);
    return {
      projects: sum(all, (r) => r.projects),
      budgetFen: budget,
      executedFen: executed,
      executionRate: budget > 0 ? Math.round((executed / budget) * 10_000) / 10_000 : null,
      red: sum(all, (r) => r.openDeviations.red),
      yellow: sum(all, (r) => r.openDeviations.yellow),
      grades: Object.fromEntries(grades.map((g) => [g, sum(all, (r) => r.grades[g])])) as Record<Grade, number>,
      cutFen: sum(all, (r) => r.cutFen),
      recoveredFen: sum(all, (r) => r.recoveredFen),
    };
  });

  /** 序时进度 now: the share of the fiscal year elapsed (libs/domain/src/shared/period.ts, the rule the deviation check uses). */
  const timeProgress = computed(() => timeProgressAt(Date.now(), fiscalYear.value));

  return { rows, totals, timeProgress, loaded, error, reload: load };
}
