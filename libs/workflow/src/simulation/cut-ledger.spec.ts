import { cutLedgerOf, type LedgerEvent } from './cut-ledger.js';

const cut = (stream: string, cutId: string, amountFen: number): LedgerEvent => ({ stream, type: 'BudgetCut', data: { cutId, amountFen } });
const allocated = (stream: string, amountFen: number): LedgerEvent => ({ stream, type: 'BudgetAllocated', data: { amountFen } });
const opened = (stream: string, fiscalYear: number): LedgerEvent => ({ stream, type: 'CycleOpened', data: { fiscalYear } });
const applied = (stream: string, cutIds: string[], cutTotalFen: number, capFen: number, allocatedFen: number, exceptionReason: string | null): LedgerEvent => ({
  stream,
  type: 'PriorCutsApplied',
  data: { fiscalYear: 2026, fromFiscalYear: 2025, cutIds, cutTotalFen, capFen, allocatedFen, exceptionReason },
});

describe('the cut ledger over stored events', () => {
  it('puts each event in its fiscal year (recorded, else the proposal or opening that names it), links applications to their cuts', async () => {
    const a = 'project-a';
    const b = 'project-b';
    const events: LedgerEvent[] = [
      // Stored before fiscal years were recorded: the proposal names 2025, the opening 2026.
      { stream: a, type: 'ProjectProposed', data: { fiscalYear: 2025 } },
      { stream: b, type: 'ProjectProposed', data: { fiscalYear: 2025 }, metadata: { fiscalYear: 2025 } },
      allocated(a, 1000),
      allocated(b, 2000),
      cut(a, 'cut-1', 100),
      cut(a, 'cut-2', 50),
      cut(b, 'cut-1', 200),
      { stream: 'timer-x', type: 'BudgetCut', data: { cutId: 'not-a-project', amountFen: 1 } },
      opened(a, 2026),
      { ...opened(b, 2026), metadata: { fiscalYear: 2026 } },
      allocated(a, 900),
      applied(a, ['cut-1', 'cut-2'], 150, 850, 900, 'Prices rose'),
      allocated(b, 1700),
      // Names a cut b never recorded, and leaves out its own.
      applied(b, ['cut-9'], 200, 1800, 1700, null),
    ];
    expect(await cutLedgerOf(events)).toEqual({
      years: [
        { fiscalYear: 2025, allocated: { count: 2, fen: 3000 }, cutsDecided: { count: 3, fen: 350 }, cutsApplied: { count: 0, fen: 0 }, exceptions: { count: 0, aboveCapFen: 0, reasons: {} } },
        {
          fiscalYear: 2026,
          allocated: { count: 2, fen: 2600 },
          cutsDecided: { count: 0, fen: 0 },
          cutsApplied: { count: 3, fen: 350 },
          exceptions: { count: 1, aboveCapFen: 50, reasons: { 'Prices rose': 1 } },
        },
      ],
      unmatchedApplications: 1,
    });
  });

  it('counts an application whose total is not the sum of the recorded cuts as unmatched', async () => {
    const s = 'project-a';
    const ledger = await cutLedgerOf([{ stream: s, type: 'ProjectProposed', data: { fiscalYear: 2025 } }, cut(s, 'cut-1', 100), opened(s, 2026), applied(s, ['cut-1'], 99, 901, 901, null)]);
    expect(ledger.unmatchedApplications).toBe(1);
  });
});
