import type { Projection } from '@jixiao/projections';

/**
 * The scheduler's index of timers: one row per timer with its due time and status.
 * Every handler is safe to apply twice and in any order after the first scheduling:
 * a late TimerScheduled never reopens a fired or cancelled timer.
 */
export const timersProjection: Projection = {
  name: 'workflow-timers',
  version: 1,
  tables: ['workflow_timers'],
  schema: [
    `CREATE TABLE IF NOT EXISTS workflow_timers (
      timer_id TEXT PRIMARY KEY,
      process_manager TEXT NOT NULL,
      project_id TEXT NOT NULL,
      due_at TEXT NOT NULL,
      status TEXT NOT NULL,
      payload TEXT NOT NULL
    )`,
    'CREATE INDEX IF NOT EXISTS workflow_timers_due ON workflow_timers (status, due_at)',
  ],
  handlers: {
    TimerScheduled: async (event, tx) => {
      const d = event.data as { timerId: string; processManager: string; projectId: string; dueAt: string; payload: unknown };
      await tx.run(
        `INSERT INTO workflow_timers (timer_id, process_manager, project_id, due_at, status, payload)
         VALUES (?, ?, ?, ?, 'scheduled', ?) ON CONFLICT (timer_id) DO NOTHING`,
        [d.timerId, d.processManager, d.projectId, new Date(d.dueAt).toISOString(), JSON.stringify(d.payload)],
      );
    },
    TimerFired: async (event, tx) => {
      await tx.run(`UPDATE workflow_timers SET status = 'fired' WHERE timer_id = ?`, [event.data['timerId'] as string]);
    },
    TimerCancelled: async (event, tx) => {
      await tx.run(`UPDATE workflow_timers SET status = 'cancelled' WHERE timer_id = ?`, [event.data['timerId'] as string]);
    },
  },
};
