import { loadConfig } from './app-config.js';

describe('loadConfig: JIXIAO_LOCK_WAIT_MS', () => {
  it('defaults to 2,000 ms and takes a whole number of milliseconds', () => {
    expect(loadConfig({}).lockWaitMs).toBe(2000);
    expect(loadConfig({ JIXIAO_LOCK_WAIT_MS: '' }).lockWaitMs).toBe(2000);
    expect(loadConfig({ JIXIAO_LOCK_WAIT_MS: '250' }).lockWaitMs).toBe(250);
    expect(loadConfig({ JIXIAO_LOCK_WAIT_MS: '0' }).lockWaitMs).toBe(0);
  });

  it.each(['-1', '1.5', 'soon', '600001'])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ JIXIAO_LOCK_WAIT_MS: value })).toThrow(/JIXIAO_LOCK_WAIT_MS/);
  });
});

describe('loadConfig: JIXIAO_RULEBOOK', () => {
  it('defaults to national-2020 and takes a rulebook id', () => {
    expect(loadConfig({}).rulebookId).toBe('national-2020');
    expect(loadConfig({ JIXIAO_RULEBOOK: ' practice-2026 ' }).rulebookId).toBe('practice-2026');
  });

  it.each(['-leading-dash', 'has space', 'x'.repeat(62), '规则'])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ JIXIAO_RULEBOOK: value })).toThrow(/JIXIAO_RULEBOOK/);
  });
});
