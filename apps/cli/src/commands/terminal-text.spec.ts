import { jsonLines, processOutput } from './output.js';
import { terminalSafe } from './terminal-text.js';

describe('CLI output is safe for a terminal (issue 12)', () => {
  it('escapes control characters, ANSI escapes, bidi controls, separators and lone surrogates', () => {
    expect(terminalSafe('a\u001b[2Jb\rc\u0007d\u202ee\u2028f\ud800g\u009bh\ni\tj')).toBe(
      'a\\u001b[2Jb\\u000dc\\u0007d\\u202ee\\u2028f\\ud800g\\u009bh\\u000ai\\u0009j',
    );
  });

  it('leaves printable text alone: Chinese, emoji, symbols', () => {
    const text = '农村饮水安全巩固提升工程 · ¥900,000.00 🚰 𝄞 → 渝财预〔2026〕12号';
    expect(terminalSafe(text)).toBe(text);
  });

  it('keeps JSON valid: an escaped string parses back to the original', () => {
    const value = { title: 'x\u009b31m\u202e\u200by' };
    const lines: string[] = [];
    jsonLines({ line: (t) => lines.push(terminalSafe(t)), error: () => undefined }, value);
    expect(lines.join('\n')).not.toMatch(/[\u0080-\u009f\u200b\u202e]/);
    expect(JSON.parse(lines.join('\n'))).toEqual(value);
  });

  it('writes escaped lines to the process streams', () => {
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: unknown) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      processOutput.line('title \u001b]0;pwned\u0007');
    } finally {
      process.stdout.write = write;
    }
    expect(written).toEqual(['title \\u001b]0;pwned\\u0007\n']);
  });
});
