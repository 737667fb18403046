/**
 * Money is integer fen (分; 1 yuan = 100 fen) held in a JS number: exact while it stays a
 * safe integer, which covers any budget a government will ever approve.
 */
export type Fen = number;

export const isFen = (value: unknown): value is Fen =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export const isPositiveFen = (value: unknown): value is Fen => isFen(value) && value > 0;
