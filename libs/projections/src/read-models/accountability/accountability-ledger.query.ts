import type { ReadModelDatabase, SqlValue } from '../../database/read-model-database.js';

export interface LedgerFilter {
  readonly fiscalYear?: number;
  readonly department?: string;
  /** Rows per list (rectifications, actions, cuts); counts cover them all. */
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

export interface AccountabilityLedger {
  readonly asOf: string;
  readonly rectifications: {
    readonly counts: { ordered: number; due: number; overdue: number; verified: number };
    readonly items: LedgerRectification[];
  };
  readonly actions: { total: number; items: Array<{ projectId: string; actionId: string; department: string; fiscalYear: number; title: string; cause: LedgerCause; target: string; measure: string; takenAt: string }> };
  readonly cuts: { total: number; totalFen: number; items: Array<{ projectId: string; cutId: string; department: string; fiscalYear: number; title: string; cause: LedgerCause; grade: string | null; baseFen: number; proportion: number; amountFen: number; cutAt: string }> };
  readonly limit: number;
  readonly offset: number;
}

function scope(filter: LedgerFilter, alias: string): { clause: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.fiscalYear !== undefined) (where.push(`${alias}.fiscal_year = ?`), params.push(filter.fiscalYear));
  if (filter.department !== undefined) (where.push(`${alias}.department = ?`), params.push(filter.department));
  return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** The ledger for a year and/or department, as of `now`. */
export async function accountabilityLedger(db: ReadModelDatabase, filter: LedgerFilter, now: Date): Promise<AccountabilityLedger> {
  const asOf = now.toISOString();
  const page = [filter.limit, filter.offset];
  const r = scope(filter, 'r');
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
  const a = scope(filter, 'a');
  const actionsTotal = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM rm_accountability_actions a ${a.clause}`, a.params);
  const actions = await db.all<Record<string, any>>(
    `SELECT a.* FROM rm_accountability_actions a ${a.clause} ORDER BY a.taken_at, a.project_id, a.action_id LIMIT ? OFFSET ?`,
    [...a.params, ...page],
  );
  const c = scope(filter, 'c');
  const cutsTotal = await db.get<{ n: number; fen: number }>(`SELECT COUNT(*) AS n, COALESCE(SUM(c.amount_fen), 0) AS fen FROM rm_cuts c ${c.clause}`, c.params);
  const cuts = await db.all<Record<string, any>>(
    `SELECT c.*, e.kind AS e_kind, e.total_score AS e_score, e.grade AS e_grade, e.scored_at AS e_scored_at,
            r.issues AS r_issues, r.deadline AS r_deadline, r.status AS r_status
     FROM rm_cuts c
     LEFT JOIN rm_accountability_evaluations e ON c.cause_kind = 'evaluation' AND e.project_id = c.project_id AND e.evaluation_id = c.cause_id
     LEFT JOIN rm_rectifications r ON c.cause_kind = 'rectification' AND r.project_id = c.project_id AND r.rectification_id = c.cause_id
     ${c.clause} ORDER BY c.cut_at, c.project_id, c.cut_id LIMIT ? OFFSET ?`,
    [...c.params, ...page],
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
      items: cuts.map((x) => ({
        projectId: x.project_id, cutId: x.cut_id, department: x.department, fiscalYear: Number(x.fiscal_year), title: x.title,
        cause: x.cause_kind === 'evaluation'
          ? { kind: 'evaluation' as const, id: x.cause_id, evaluation: x.e_grade == null ? null : { kind: x.e_kind, totalScore: Number(x.e_score), grade: x.e_grade, scoredAt: x.e_scored_at } }
          : { kind: 'rectification' as const, id: x.cause_id, rectification: x.r_issues == null ? null : { issues: x.r_issues, deadline: x.r_deadline, status: x.r_status } },
        grade: x.grade, baseFen: Number(x.base_fen), proportion: Number(x.proportion), amountFen: Number(x.amount_fen), cutAt: x.cut_at,
      })),
    },
    limit: filter.limit,
    offset: filter.offset,
  };
}
