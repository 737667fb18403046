import { fiscalYearAt, formatMoney, formatRate, formatTime, moneyValue } from '../../apps/web/src/shared/format.js';

/** The console's display rules (apps/web/src/shared/format.ts): the api speaks fen and UTC. */
describe('console formats', () => {
  it('shows fen as 元 or 万元 with separators and two decimals', () => {
    expect(formatMoney(123_456_789, 'yuan')).toBe('1,234,567.89');
    expect(formatMoney(123_456_789, 'wanyuan')).toBe('123.46');
    expect(formatMoney(0, 'wanyuan')).toBe('0.00');
    expect(formatMoney(-5_000_000, 'wanyuan')).toBe('-5.00');
    expect(moneyValue(123_456_789, 'wanyuan')).toBe(123.46);
  });

  it('shows a rate as a percentage with one decimal, and no rate as a dash', () => {
    expect(formatRate(0.4567)).toBe('45.7%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('—');
  });

  it('shows instants in China Standard Time (UTC+8) and finds the fiscal year there', () => {
    expect(formatTime('2026-03-31T16:30:00.000Z')).toBe('2026-04-01 00:30');
    expect(formatTime(null)).toBe('—');
    expect(fiscalYearAt(Date.parse('2026-12-31T16:00:00.000Z'))).toBe(2027);
    expect(fiscalYearAt(Date.parse('2026-12-31T15:59:59.000Z'))).toBe(2026);
  });
});
