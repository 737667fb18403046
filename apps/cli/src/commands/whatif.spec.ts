import { randomUUID } from 'node:crypto';
import { nationalRulebook2020, rulebookStream } from '@jixiao/domain';
import { scoresFor, toExecution, workflowHarness } from '../../../../libs/workflow/src/testing/workflow-harness.js';
import { UsageError } from './output.js';
import { whatIfCommand } from './whatif.js';

describe('cli whatif', () => {
  it('replays a project under a published rulebook version and prints what would differ', async () => {
    const h = await workflowHarness('2025-01-20T00:00:00Z');
    try {
      const engine = await h.engine();
      for (const command of toExecution('p1', 2025)) await h.given('p1', command);
      h.clock.set('2025-12-20T00:00:00Z');
      await h.given('p1', { type: 'ScoreEvaluation', evaluationId: 'eval-1', kind: 'finance', evaluatorId: 'finance', scores: scoresFor('fair'), executionRateReason: 'Late tender' });
      await engine.runUntilIdle();
      const v2 = { ...nationalRulebook2020, version: 2, resultPolicy: { ...nationalRulebook2020.resultPolicy, fair: { ...nationalRulebook2020.resultPolicy.fair, cutProportion: 0.25 } } };
      await h.store.append(rulebookStream('national-2020'), [{ id: randomUUID(), type: 'RulebookPublished', schemaVersion: 1, data: { rulebook: v2, publishedAt: '2025-12-01T00:00:00Z' }, metadata: {} }], 'any');
      const lines: string[] = [];
      const out = { line: (t: string) => lines.push(t), error: (t: string) => lines.push(t) };
      const head = await h.store.headPosition();
      await whatIfCommand(h.store, { project: 'p1', rulebookVersion: 2, rulebookId: 'national-2020', asOf: '2025-12-21T00:00:00Z' }, out);
      expect(lines).toEqual([
        'project p1 under national-2020 v2: differs',
        '  cut evaluation:eval-1: actual {"proportion":0.1,"amountFen":10000000} → what-if {"proportion":0.25,"amountFen":25000000}',
        '1 project(s), 1 would differ',
      ]);
      expect(await h.store.headPosition()).toBe(head);
      await expect(whatIfCommand(h.store, { project: 'p1', rulebookVersion: 3, rulebookId: 'national-2020' }, out)).rejects.toThrow(UsageError);
      await expect(whatIfCommand(h.store, { project: 'nope', rulebookVersion: 1, rulebookId: 'national-2020' }, out)).rejects.toThrow('no project nope');
    } finally {
      await h.close();
    }
  });
});
