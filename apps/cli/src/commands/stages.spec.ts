import { COMMAND_TYPES, isAllowedIn, STAGES } from '@jixiao/domain';
import { printStageTable } from './stages.js';

describe('cli stages', () => {
  it('prints one row per command with a ✓ in each stage that accepts it, the cross-year commands included', () => {
    const lines: string[] = [];
    printStageTable({ line: (t) => lines.push(t), error: (t) => lines.push(t) });
    expect(lines[0]!.split('|').map((cell) => cell.trim())).toEqual(['command', ...STAGES]);
    for (const command of COMMAND_TYPES) {
      const row = lines.find((l) => l.startsWith(`${command} `))!;
      expect(row.split('|').slice(1).map((cell) => cell.trim() === '✓')).toEqual(STAGES.map((stage) => isAllowedIn(stage, command)));
    }
    expect(lines.find((l) => l.startsWith('OpenNextCycle '))!.split('|').map((c) => c.trim())[STAGES.indexOf('results') + 1]).toBe('✓');
  });
});
