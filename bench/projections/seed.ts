/**
 * Seeds the benchmark store: 1,000,000 domain-valid events from ~25,000 projects across
 * 40 departments and two fiscal years. Runs as a child process of run.ts, so the seed's
 * memory never counts towards the rebuild's peak RSS.
 *
 * Projects are decided 1,000 at a time and each life is appended in four slices, round
 * by round, so the log interleaves projects the way a year of real traffic does. Every
 * append of a round is in flight at once, which lets the store's group commit write
 * hundreds of them per transaction; durability 'normal' skips the fsync per commit.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type NewEvent } from '@jixiao/event-store';
import { projectStream, type ProjectEvent } from '@jixiao/domain';
import { seededRandom } from '@jixiao/domain';
import { lifecycle } from './lifecycle.js';

export const TARGET_EVENTS = 1_000_000;
export const DEPARTMENTS = 40;
const CHUNK = 1000;
const SLICES = 4;

const actorFor = (type: string, department: string) =>
  type === 'ProjectProposed' || type === 'PerformanceGoalSet' || type === 'ExpenditureRecorded' || type === 'MonitoringReadingRecorded'
    ? { id: `${department}-staff`, role: 'department', department }
    : { id: 'finance-bureau', role: 'finance', department: null };

const toNew = (event: ProjectEvent, department: string): NewEvent => ({
  id: randomUUID(),
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data as never,
  metadata: { actor: actorFor(event.type, department), correlationId: randomUUID() },
});

export async function seed(file: string, onProgress: (events: number) => void): Promise<{ events: number; projects: number }> {
  const store = new SqliteEventStore({ file, durability: 'normal' });
  const random = seededRandom(2026);
  let events = 0;
  let projects = 0;
  while (events < TARGET_EVENTS) {
    const lives = [];
    for (let i = 0; i < CHUNK && events < TARGET_EVENTS; i++, projects++) {
      const department = `dept-${String(projects % DEPARTMENTS).padStart(2, '0')}`;
      const life = lifecycle(`p${projects}`, department, projects % 2 ? 2025 : 2026, random).events;
      const room = TARGET_EVENTS - events;
      const kept = life.length > room ? life.slice(0, room) : life;
      events += kept.length;
      lives.push({ stream: projectStream(`p${projects}`), events: kept.map((e) => toNew(e, department)) });
    }
    for (let slice = 0; slice < SLICES; slice++) {
      await Promise.all(
        lives.map(({ stream, events: all }) => {
          const size = Math.ceil(all.length / SLICES);
          const part = all.slice(slice * size, (slice + 1) * size);
          return part.length ? store.append(stream, part, slice === 0 ? 'no_stream' : slice * size - 1) : undefined;
        }),
      );
    }
    onProgress(events);
  }
  await store.close();
  return { events, projects };
}

// As a child process: seed the file named on the command line and report back.
if (process.argv[2] && process.send) {
  const started = performance.now();
  const result = await seed(process.argv[2], (n) => process.send!({ progress: n }));
  process.send({ done: { ...result, seconds: (performance.now() - started) / 1000 } });
}
