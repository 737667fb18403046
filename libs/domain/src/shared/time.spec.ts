import fc from 'fast-check';
import { isCalendarDate, isInstant, parseCalendarDate, parseInstant } from './time.js';

describe('the strict parsers for instants and calendar dates (issue 12)', () => {
  it.each([
    ['2026-11-31T00:00:00Z', '30 November is the last day'],
    ['2026-02-30T00:00:00Z', 'no 30 February'],
    ['2026-02-29T00:00:00Z', '2026 is not a leap year'],
    ['2026-13-01T00:00:00Z', 'no month 13'],
    ['2026-00-10T00:00:00Z', 'no month 0'],
    ['2026-01-00T00:00:00Z', 'no day 0'],
    ['2026-01-01T24:00:00Z', 'no hour 24'],
    ['2026-01-01T23:60:00Z', 'no minute 60'],
    ['2026-01-01T23:59:60Z', 'no leap second'],
    ['2026-01-01T08:00:00+24:00', 'no offset of 24 hours'],
    ['2026-01-01T08:00:00', 'no zone'],
    ['2026-01-01', 'a date is not an instant'],
    ['0099-01-01T00:00:00Z', 'Date.UTC would read year 99 as 1999'],
    [' 2026-01-01T00:00:00Z', 'surrounding space'],
    ['2026-01-01T00:00:00.1234567890Z', 'more than nine fractional digits'],
  ])('refuses %s (%s)', (value) => {
    expect(parseInstant(value)).toBeUndefined();
    expect(isInstant(value)).toBe(false);
  });

  it('reads zones, fractions and minutes-only forms to the right instant', () => {
    expect(parseInstant('2026-03-01T16:00:00+08:00')).toBe(Date.parse('2026-03-01T08:00:00Z'));
    expect(parseInstant('2026-03-01T08:00Z')).toBe(Date.parse('2026-03-01T08:00:00Z'));
    expect(parseInstant('2026-03-01T08:00:00.123456789Z')).toBe(Date.parse('2026-03-01T08:00:00.123Z'));
    expect(parseInstant('2024-02-29T00:00:00-05:30')).toBe(Date.parse('2024-02-29T05:30:00Z'));
    expect(parseInstant('2026-03-01T16:00:00+08:00', { utcOnly: true })).toBeUndefined();
    expect(isInstant('2026-03-01T08:00Z')).toBe(false); // the domain stores instants with seconds
  });

  it.each(['2026-02-30', '2026-11-31', '2026-13-01', '2026-1-01', '2026-01-01T00:00:00Z', '', '0000-01-01'])('refuses the calendar date %s', (value) => {
    expect(parseCalendarDate(value)).toBeUndefined();
    expect(isCalendarDate(value)).toBe(false);
  });

  it('round-trips every instant and date a Date can print (years 1000–9999)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(parseInstant(iso)).toBe(date.getTime());
        expect(isInstant(iso)).toBe(true);
        expect(parseCalendarDate(iso.slice(0, 10))).toBe(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
      }),
      { numRuns: 2000, seed: 12 },
    );
  });
});
