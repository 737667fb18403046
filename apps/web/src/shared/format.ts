/**
 * Display rules of the console. The api speaks integer fen and ISO-8601 UTC; people read
 * 元 or 万元 with separators, and China Standard Time.
 */
export type MoneyUnit = 'yuan' | 'wanyuan';

const FEN_PER: Record<MoneyUnit, number> = { yuan: 100, wanyuan: 1_000_000 };

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}/${digits}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return format;
}

/** Fen as 元 (2 decimals) or 万元 (2 decimals), with thousands separators: 123456789 fen → "1,234,567.89" 元 or "123.46" 万元. */
export function formatMoney(fen: number, unit: MoneyUnit, locale = 'zh-CN'): string {
  return numberFormat(locale, 2).format(fen / FEN_PER[unit]);
}

/** Fen in the unit, as a plain number for charts (rounded to 2 decimals). */
export const moneyValue = (fen: number, unit: MoneyUnit): number => Math.round((fen / FEN_PER[unit]) * 100) / 100;

/** A 0–1 rate as a percentage with one decimal: 0.4567 → "45.7%"; null → "—". */
export function formatRate(rate: number | null, locale = 'zh-CN'): string {
  return rate === null ? '—' : `${numberFormat(locale, 1).format(rate * 100)}%`;
}

const cst = new Map<string, Intl.DateTimeFormat>();
/** An ISO-8601 instant in China Standard Time (UTC+8, no daylight saving): "2026-03-31 08:00". */
export function formatTime(iso: string | null, locale = 'zh-CN'): string {
  if (!iso) return '—';
  let format = cst.get(locale);
  if (!format) {
    cst.set(
      locale,
      (format = new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
      })),
    );
  }
  return format.format(new Date(iso));
}

/** The fiscal year (a calendar year) of an instant, in China Standard Time. */
export const fiscalYearAt = (ms: number): number => new Date(ms + 8 * 3_600_000).getUTCFullYear();
