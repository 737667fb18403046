import type { components } from '../../api/schema';
import { formatTime, moneyValue, type MoneyUnit } from '../../shared/format';

type DeviationRow = components['schemas']['DeviationRowDto'];

/**
 * Writes the watchlist rows to an .xlsx file with write-excel-file (loaded only when a
 * user exports, so it stays out of the first page). Headers in the console's language;
 * times in China Standard Time; a budget deviation's expected and actual amounts in the
 * chosen unit (indicator values as recorded).
 */
export async function exportWatchlist(
  rows: readonly DeviationRow[],
  label: (key: string) => string,
  unit: MoneyUnit,
  fileName: string,
): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  const amount = (row: DeviationRow, value: number | null) =>
    value === null ? undefined : row.subject === 'budget' ? moneyValue(value, unit) : value;
  const header = (key: string) => ({ value: label(key), fontWeight: 'bold' as const });
  const columns = [
    { header: header('warnings.light'), cell: (r: DeviationRow) => ({ value: label(`overview.${r.severity}`) }), width: 8 },
    { header: header('common.department'), cell: (r: DeviationRow) => ({ value: r.department }), width: 16 },
    { header: header('projects.project'), cell: (r: DeviationRow) => ({ value: r.title }), width: 30 },
    { header: header('common.fiscalYear'), cell: (r: DeviationRow) => ({ value: r.fiscalYear }), width: 8 },
    { header: header('warnings.subject'), cell: (r: DeviationRow) => ({ value: label(`warnings.${r.subject}`) }), width: 10 },
    { header: header('warnings.indicator'), cell: (r: DeviationRow) => ({ value: r.indicatorId ?? '' }), width: 14 },
    { header: header('warnings.period'), cell: (r: DeviationRow) => ({ value: r.period ?? '' }), width: 10 },
    { header: header('warnings.expected'), cell: (r: DeviationRow) => ({ value: amount(r, r.expected) }), width: 12 },
    { header: header('warnings.actual'), cell: (r: DeviationRow) => ({ value: amount(r, r.actual) }), width: 12 },
    { header: header('warnings.gap'), cell: (r: DeviationRow) => ({ value: r.gap }), width: 10 },
    { header: header('warnings.flaggedAt'), cell: (r: DeviationRow) => ({ value: formatTime(r.flaggedAt) }), width: 18 },
    { header: header('warnings.age'), cell: (r: DeviationRow) => ({ value: r.ageDays }), width: 10 },
    { header: header('warnings.status'), cell: (r: DeviationRow) => ({ value: label(`warnings.${r.status}`) }), width: 10 },
    { header: header('warnings.cause'), cell: (r: DeviationRow) => ({ value: r.cause ?? '' }), width: 30 },
    { header: { value: 'projectId', fontWeight: 'bold' as const }, cell: (r: DeviationRow) => ({ value: r.projectId }), width: 38 },
    { header: { value: 'deviationId', fontWeight: 'bold' as const }, cell: (r: DeviationRow) => ({ value: r.deviationId }), width: 38 },
  ];
  await writeXlsxFile([...rows], { columns, sheet: 'watchlist' }).toFile(fileName);
}
