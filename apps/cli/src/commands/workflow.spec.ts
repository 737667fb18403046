import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nationalRulebook2020 } from '@jixiao/domain';
import { SqliteEventStore } from '@jixiao/event-store';
import { SqliteReadModelDatabase } from '@jixiao/projections';
import { ProjectCommands, ProjectStates } from '@jixiao/application';
import { DirectCommandDispatcher, WorkflowEngine, type ProcessManager } from '@jixiao/workflow';
import { UsageError, type Output } from './output.js';
import { workflowParked, workflowRetry } from './workflow.js';

const collect = () => {
  const lines: string[] = [];
  const errors: string[] = [];
  const out: Output = { line: (t) => lines.push(t), error: (t) => errors.push(t) };
  return { out, lines, errors };
};

/** workflow parked / workflow retry <id> (issue 11) on real SQLite files. */
describe('cli: workflow parked and workflow retry', () => {
  const folder = mkdtempSync(join(tmpdir(), 'jixiao-cli-workflow-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('lists a parked reaction and carries it out after the fix', async () => {
    const store = new SqliteEventStore({ file: join(folder, 'events.sqlite') });
    const db = new SqliteReadModelDatabase(join(folder, 'read-models.sqlite'));
    let fixed = false;
    const reacting: ProcessManager = {
      name: 'reacting',
      handles: ['Poked'],
      react: () => [{ kind: 'schedule', timerId: fixed ? 'fine' : 'not valid', dueAt: '2030-01-01T00:00:00Z', payload: {} }],
    };
    const rulebook = async () => nationalRulebook2020;
    const commands = new ProjectCommands(store, new ProjectStates(store), { rulebookFor: rulebook }, () => new Date('2026-03-01T00:00:00Z'));
    const engine = new WorkflowEngine({ store, db, dispatcher: new DirectCommandDispatcher(commands), rulebook, processManagers: [reacting] });
    await engine.prepare();
    // The reaction needs an existing project: propose one through the command side.
    await commands.run(
      { projectId: 'p1', command: { type: 'ProposeProject', projectId: 'p1', department: 'water-bureau', title: 'T', category: 'specific-purpose', fiscalYear: 2026, requestedFen: 100 } },
      { principal: { id: 'u', role: 'department', label: 'u', issuedTo: 'u', department: 'water-bureau' }, correlationId: 'c', commandId: 'c' },
    );
    await store.append('project-p1', [{ id: '0190b2c4-0000-7000-8000-000000000001', type: 'Poked', schemaVersion: 1, data: {}, metadata: {} }], 'any');
    await engine.runUntilIdle();

    const listed = collect();
    expect(await workflowParked(engine, listed.out)).toBe(1);
    const [parked] = await engine.listParked();
    expect(listed.lines[0]).toContain(`${parked!.id}  Poked at ${parked!.position}, project "p1", deterministic after 1 try`);
    expect(listed.lines[1]).toContain('InvalidStreamNameError');

    const again = collect();
    expect(await workflowRetry(engine, parked!.id, again.out)).toBe(false);
    expect(again.errors[0]).toContain('stays parked');
    fixed = true;
    const done = collect();
    expect(await workflowRetry(engine, parked!.id, done.out)).toBe(true);
    expect(done.lines).toEqual([`${parked!.id} carried out; no longer parked`]);
    const empty = collect();
    expect(await workflowParked(engine, empty.out)).toBe(0);
    expect(empty.lines).toEqual(['no parked reactions']);
    await expect(workflowRetry(engine, 'reacting@999', collect().out)).rejects.toBeInstanceOf(UsageError);
    await db.close();
    await store.close();
  });
});
