import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide, replay } from './decider.js';
import { COMMAND_TYPES, formatStageTable, isAllowedIn, STAGES, stageCommandTable } from './stages.js';
import { at, historyAt } from '../testing/fixtures.js';
import { sampleCommand } from '../testing/sample-commands.js';

const context = at('2026-03-15T00:00:00Z');

describe('the stage × command table', () => {
  it('has a cell for every stage and every command', () => {
    expect(Object.keys(stageCommandTable).sort()).toEqual([...STAGES].sort());
    for (const stage of STAGES) expect(Object.keys(stageCommandTable[stage]).sort()).toEqual([...COMMAND_TYPES].sort());
    expect(COMMAND_TYPES).toHaveLength(28);
  });

  it('each fixture history really is in the stage it is named after', () => {
    for (const stage of STAGES) expect(replay(historyAt[stage]).stage).toBe(stage);
  });

  // Every cell, decided for real: refused cells are refused by the stage machine,
  // allowed cells get past it (they may still break a rule of their own).
  describe.each(STAGES)('in stage %s', (stage) => {
    const state = replay(historyAt[stage]);
    it.each(COMMAND_TYPES)('%s', (type) => {
      const decision = decide(sampleCommand[type], state, context);
      const kind = decision.ok ? 'accepted' : decision.error.kind;
      if (isAllowedIn(stage, type)) {
        expect(['accepted', 'invariant']).toContain(kind);
      } else if (stage === 'none') {
        expect(kind).toBe('not-found');
      } else {
        expect(kind).toBe('wrong-stage');
      }
    });
  });

  it.each([
    ['ProposeProject', ['none']],
    ['AllocateBudget', ['admitted']],
    ['DecideAdmission', ['goals-approved']],
    ['ApplyResult', ['evaluated']],
    ['GrantIncentive', ['results']],
  ] as const)('%s is allowed only in %p', (type, stages) => {
    expect(STAGES.filter((s) => isAllowedIn(s, type))).toEqual(stages);
  });

  it('a closed project allows nothing', () => {
    expect(COMMAND_TYPES.filter((c) => isAllowedIn('closed', c))).toEqual([]);
  });

  it('prints one row per command with a ✓ in every allowed cell', () => {
    const lines = formatStageTable().split('\n');
    expect(lines).toHaveLength(COMMAND_TYPES.length + 2);
    for (const stage of STAGES) expect(lines[0]).toContain(stage);
    for (const type of COMMAND_TYPES) {
      const row = lines.find((l) => l.startsWith(`${type} `))!;
      const ticks = row.split('|').slice(1).map((cell) => cell.trim() === '✓');
      expect(ticks).toEqual(STAGES.map((s) => isAllowedIn(s, type)));
    }
  });

  it('the copy in libs/domain/README.md is current', () => {
    const readme = readFileSync(join(process.cwd(), 'libs/domain/README.md'), 'utf8');
    expect(readme).toContain(formatStageTable());
  });
});
