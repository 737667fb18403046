import type { ReadModelDatabase, SqlValue } from '../../database/read-model-database.js';

/**
 * What the ledger covers. Each record belongs to the fiscal year of its decision.
 * - `fiscalYear` (decided in): rectifications ordered, actions taken and cuts decided in that
 *   year, and the exceptions of the allocations that applied that year's cuts (in the year after);
 * - `appliedInFiscalYear` (applied in): narrows cuts to those applied by that year's
 *   allocations, and exceptions to that year's allocations; rectifications and actions are
 *   not narrowed by it.
 * Both may be given: cuts decided in one year and applied in another.
 */
export interface LedgerFilter {
  readonly fiscalYear?: number;
  readonly appliedInFiscalYear?: number;
  readonly department?: string;
  /** Rows per list (rectifications, actions, cuts, exceptions); counts and sums cover them all. */
  readonly limit: number;
  readonly offset: number;
}

/**
 * Standing of a rectification as of the clock: verified 已核验; overdue 逾期 when the deadline
 * has passed and it is not verified; due 整改中 when the deadline is still ahead.
 */
export type RectificationStanding = 'due' | 'overdue' | 'verified';

export interface LedgerRectification {
  readonly projectId: string;
  readonly rectificationId: string;
  readonly department: string;
  readonly fiscalYear: number;
  readonly title: string;
  readonly evaluationId: string | null;
  readonly issues: string;
  readonly orderedAt: string;
  readonly deadline: string;
  /** Where the workflow stands: ordered (or sent back), reported, verified. */
  readonly status: 'ordered' | 'reported' | 'verified';
  readonly standing: RectificationStanding;
  readonly reportedAt: string | null;
  readonly verifiedAt: string | null;
  readonly failedVerifications: number;
}

export interface LedgerCause {
  readonly kind: 'evaluation' | 'rectification';
  readonly id: string;
  /** The evaluation behind the cut: its kind, score and grade (when the cause is an evaluation). */
  readonly evaluation?: { kind: string; totalScore: number; grade: string; scoredAt: string } | null;
  /** The rectification behind the cut: its issues and deadline (when the cause is a rectification). */
  readonly rectification?: { issues: string; deadline: string; status: string } | null;
}

/**
 * The allocation 预算批复 of the year after that applied a cut (PriorCutsApplied): the cap
 * (that year's budget in force less its cuts, in fen) and the amount allocated against it.
 */
export interface LedgerApplication {
  /** The fiscal year applied in: the year after the cut was decided. */
  readonly fiscalYear: number;
  readonly allocatedFen: number;
  readonly capFen: number;
  /** Approval document number 批复文号 of the allocation, when given. */
  readonly documentNo: string | null;
  readonly appliedAt: string;
  /** Set when the allocation exceeded the cap: the reason given and the fen above the cap. */
  readonly exception: { readonly reason: string; readonly aboveCapFen: number } | null;
}

export interface LedgerCut {
  readonly projectId: string;
  readonly cutId: string;
  readonly department: string;
  /** The fiscal year the cut was decided in. */
  readonly fiscalYear: number;
  readonly title: string;
  readonly cause: LedgerCause;
  readonly grade: string | null;
  /** The rulebook 规则 the cut was decided under (id and version); null only when none was recorded. */
  readonly rulebook: { readonly id: string; readonly version: number } | null;
  readonly baseFen: number;
  readonly proportion: number;
  readonly amountFen: number;
  readonly cutAt: string;
  /** The allocation that applied the cut; null while not yet applied (削减未落实). */
  readonly applied: LedgerApplication | null;
}

export interface LedgerException {
  readonly projectId: string;
  readonly department: string;
  readonly title: string;
  /** The fiscal year of the allocation, and the year whose cuts it applied. */
  readonly fiscalYear: number;
  readonly fromFiscalYear: number;
  readonly capFen: number;
  readonly allocatedFen: number;
  readonly aboveCapFen: number;
  readonly reason: string;
  readonly cutIds: string[];
  readonly cutTotalFen: number;
  readonly documentNo: string | null;
  readonly appliedAt: string;
}

export interface AccountabilityLedger {
  readonly asOf: string;
  readonly rectifications: {
    readonly counts: { ordered: number; due: number; overdue: number; verified: number };
    readonly items: LedgerRectification[];
  };
  readonly actions: { total: number; items: Array<{ projectId: string; actionId: string; department: string; fiscalYear: number; title: string; cause: LedgerCause; target: string; measure: string; takenAt: string }> };
  readonly cuts: {
    readonly total: number;
    /** Sums of `amountFen` as recorded: all the cuts listed (every page), those applied, and those not yet applied. */
    readonly totalFen: number;
    readonly appliedFen: number;
    readonly notYetAppliedFen: number;
    readonly items: LedgerCut[];
  };
  /** Allocations above the cut cap 削减后上限, each with the reason stated (AllocateBudget's capExceptionReason). */
  readonly exceptions: { readonly total: number; readonly aboveCapFen: number; readonly items: LedgerException[] };
  readonly limit: number;
  readonly offset: number;
}

/** A WHERE clause from column = value pairs, skipping those not asked for (columns are fixed names). */
function scope(pairs: ReadonlyArray<readonly [string, SqlValue | undefined]>): { clause: string; params: SqlValue[] } {
  const given = pairs.filter(([, value]) => value !== undefined) as Array<readonly [string, SqlValue]>;
  return { clause: given.length ? `WHERE ${given.map(([column]) => `${column} = ?`).join(' AND ')}` : '', params: given.map(([, value]) => value) };
}

/** Decided in a year and in a department: rectifications and actions. */
const decidedIn = (filter: LedgerFilter, alias: string) =>
  scope([
    [`${alias}.fiscal_year`, filter.fiscalYear],
    [`${alias}.department`, filter.department],
  ]);

const json = (text: string | null): string[] => (text ? (JSON.parse(text) as string[]) : []);
const aboveCap = (allocatedFen: number, capFen: number) => Math.max(0, allocatedFen - capFen);

/** The ledger for a year (decided in and/or applied in, see LedgerFilter) and/or department, as of `now`. */
export async function accountabilityLedger(db: ReadModelDatabase, filter: LedgerFilter, now: Date): Promise<AccountabilityLedger> {
  const asOf = now.toISOString();
  const page = [filter.limit, filter.offset];
  const r = decidedIn(filter, 'r');
  const counts = await db.get<{ ordered: number; due: number; overdue: number; verified: number }>(
    `SELECT COUNT(*) AS ordered,
       COALESCE(SUM(CASE WHEN r.status <> 'verified' AND r.deadline >= ? THEN 1 ELSE 0 END), 0) AS due,
       COALESCE(SUM(CASE WHEN r.status <> 'verified' AND r.deadline < ? THEN 1 ELSE 0 END), 0) AS overdue,
       COALESCE(SUM(CASE WHEN r.status = 'verified' THEN 1 ELSE 0 END), 0) AS verified
     FROM rm_rectifications r ${r.clause}`,
    [asOf, asOf, ...r.params],
  );
  const rectifications = await db.all<Record<string, any>>(
    `SELECT r.* FROM rm_rectifications r ${r.clause} ORDER BY r.deadline, r.project_id, r.rectification_id LIMIT ? OFFSET ?`,
    [...r.params, ...page],
  );
  const a = decidedIn(filter, 'a');
  const actionsTotal = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM rm_accountability_actions a ${a.clause}`, a.params);
  const actions = await db.all<Record<string, any>>(
    `SELECT a.* FROM rm_accountability_actions a ${a.clause} ORDER BY a.taken_at, a.project_id, a.action_id LIMIT ? OFFSET ?`,
    [...a.params, ...page],
  );
  const c = scope([
    ['c.fiscal_year', filter.fiscalYear],
    ['c.applied_fiscal_year', filter.appliedInFiscalYear],
    ['c.department', filter.department],
  ]);
  const cutsTotal = await db.get<{ n: number; fen: number; applied: number }>(
    `SELECT COUNT(*) AS n, COALESCE(SUM(c.amount_fen), 0) AS fen, COALESCE(SUM(CASE WHEN c.applied_fiscal_year IS NULL THEN 0 ELSE c.amount_fen END), 0) AS applied
     FROM rm_cuts c ${c.clause}`,
    c.params,
  );
  const cuts = await db.all<Record<string, any>>(
    `SELECT c.*, e.kind AS e_kind, e.total_score AS e_score, e.grade AS e_grade, e.scored_at AS e_scored_at,
            r.issues AS r_issues, r.deadline AS r_deadline, r.status AS r_status,
            g.allocated_fen AS g_allocated_fen, g.cap_fen AS g_cap_fen, g.document_no AS g_document_no, g.applied_at AS g_applied_at, g.exception_reason AS g_exception_reason
     FROM rm_cuts c
     LEFT JOIN rm_accountability_evaluations e ON c.cause_kind = 'evaluation' AND e.project_id = c.project_id AND e.evaluation_id = c.cause_id
     LEFT JOIN rm_rectifications r ON c.cause_kind = 'rectification' AND r.project_id = c.project_id AND r.rectification_id = c.cause_id
     LEFT JOIN rm_accountability_allocations g ON g.project_id = c.project_id AND g.fiscal_year = c.applied_fiscal_year
     ${c.clause} ORDER BY c.cut_at, c.project_id, c.cut_id LIMIT ? OFFSET ?`,
    [...c.params, ...page],
  );
  const x = scope([
    ['x.from_fiscal_year', filter.fiscalYear],
    ['x.fiscal_year', filter.appliedInFiscalYear],
    ['x.department', filter.department],
  ]);
  const exceptionsWhere = `${x.clause ? `${x.clause} AND` : 'WHERE'} x.exception_reason IS NOT NULL`;
  const exceptionsTotal = await db.get<{ n: number; fen: number }>(
    `SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN x.allocated_fen > x.cap_fen THEN x.allocated_fen - x.cap_fen ELSE 0 END), 0) AS fen
     FROM rm_accountability_allocations x ${exceptionsWhere}`,
    x.params,
  );
  const exceptions = await db.all<Record<string, any>>(
    `SELECT x.* FROM rm_accountability_allocations x ${exceptionsWhere} ORDER BY x.applied_at, x.project_id, x.fiscal_year LIMIT ? OFFSET ?`,
    [...x.params, ...page],
  );
  return {
    asOf,
    rectifications: {
      counts: { ordered: Number(counts?.ordered ?? 0), due: Number(counts?.due ?? 0), overdue: Number(counts?.overdue ?? 0), verified: Number(counts?.verified ?? 0) },
      items: rectifications.map((x) => ({
        projectId: x.project_id, rectificationId: x.rectification_id, department: x.department, fiscalYear: Number(x.fiscal_year), title: x.title,
        evaluationId: x.evaluation_id, issues: x.issues, orderedAt: x.ordered_at, deadline: x.deadline, status: x.status,
        standing: x.status === 'verified' ? 'verified' : x.deadline < asOf ? 'overdue' : 'due',
        reportedAt: x.reported_at, verifiedAt: x.status === 'verified' ? x.verified_at : null, failedVerifications: Number(x.failed_verifications),
      })),
    },
    actions: {
      total: Number(actionsTotal?.n ?? 0),
      items: actions.map((x) => ({
        projectId: x.project_id, actionId: x.action_id, department: x.department, fiscalYear: Number(x.fiscal_year), title: x.title,
        cause: { kind: x.cause_kind, id: x.cause_id }, target: x.target, measure: x.measure, takenAt: x.taken_at,
      })),
    },
    cuts: {
      total: Number(cutsTotal?.n ?? 0),
      totalFen: Number(cutsTotal?.fen ?? 0),
      appliedFen: Number(cutsTotal?.applied ?? 0),
      notYetAppliedFen: Number(cutsTotal?.fen ?? 0) - Number(cutsTotal?.applied ?? 0),
      items: cuts.map((x): LedgerCut => ({
        projectId: x.project_id, cutId: x.cut_id, department: x.department, fiscalYear: Number(x.fiscal_year), title: x.title,
        cause: x.cause_kind === 'evaluation'
          ? { kind: 'evaluation' as const, id: x.cause_id, evaluation: x.e_grade == null ? null : { kind: x.e_kind, totalScore: Number(x.e_score), grade: x.e_grade, scoredAt: x.e_scored_at } }
          : { kind: 'rectification' as const, id: x.cause_id, rectification: x.r_issues == null ? null : { issues: x.r_issues, deadline: x.r_deadline, status: x.r_status } },
        grade: x.grade,
        rulebook: x.rulebook_id == null ? null : { id: x.rulebook_id, version: Number(x.rulebook_version) },
        baseFen: Number(x.base_fen), proportion: Number(x.proportion), amountFen: Number(x.amount_fen), cutAt: x.cut_at,
        applied: x.applied_fiscal_year == null ? null : {
          fiscalYear: Number(x.applied_fiscal_year),
          allocatedFen: Number(x.g_allocated_fen),
          capFen: Number(x.g_cap_fen),
          documentNo: x.g_document_no ?? null,
          appliedAt: x.g_applied_at,
          exception: x.g_exception_reason == null ? null : { reason: x.g_exception_reason, aboveCapFen: aboveCap(Number(x.g_allocated_fen), Number(x.g_cap_fen)) },
        },
      })),
    },
    exceptions: {
      total: Number(exceptionsTotal?.n ?? 0),
      aboveCapFen: Number(exceptionsTotal?.fen ?? 0),
      items: exceptions.map((x): LedgerException => ({
        projectId: x.project_id, department: x.department, title: x.title, fiscalYear: Number(x.fiscal_year), fromFiscalYear: Number(x.from_fiscal_year),
        capFen: Number(x.cap_fen), allocatedFen: Number(x.allocated_fen), aboveCapFen: aboveCap(Number(x.allocated_fen), Number(x.cap_fen)),
        reason: x.exception_reason, cutIds: json(x.cut_ids), cutTotalFen: Number(x.cut_total_fen), documentNo: x.document_no ?? null, appliedAt: x.applied_at,
      })),
    },
    limit: filter.limit,
    offset: filter.offset,
  };
}
