import { InvalidEventError } from './errors.js';

/**
 * What no adapter can hold, refused for every adapter before any I/O (DESIGN §6.6):
 * - U+0000: PostgreSQL's text and jsonb refuse it ("invalid byte sequence for encoding
 *   UTF8: 0x00") after the api has answered, while SQLite stores it;
 * - lone surrogates: no UTF-8 encoding exists, so they would be replaced on the way in;
 * - non-finite numbers: JSON has none, so Infinity and NaN would be stored as null and
 *   the hash would cover a value other than the one decided.
 * Anything else is the edge's business (apps/api/src/http/text-validity.ts).
 * Keys are checked like values. Returns the first fault's path, e.g. `data.title`.
 */
export function unstorableValue(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return unstorableText(value) ? `${path} ${unstorableText(value)}` : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} is ${value}, not a finite number`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const fault = unstorableValue(value[i], `${path}[${i}]`);
      if (fault) return fault;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (unstorableText(key)) return `${path} has a key that ${unstorableText(key)}`;
      const fault = unstorableValue(item, `${path}.${key}`);
      if (fault) return fault;
    }
  }
  return undefined;
}

function unstorableText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains U+0000';
  if (loneSurrogate.test(text)) return 'contains a lone surrogate';
  return undefined;
}

// Without the u flag a regular expression sees UTF-16 units, so it can find a surrogate with no partner.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws InvalidEventError naming the first value of the event no adapter can hold. */
export function assertStorable(event: { readonly id: string; readonly data: unknown; readonly metadata: unknown }): void {
  const fault = unstorableValue(event.data, 'data') ?? unstorableValue(event.metadata, 'metadata');
  if (fault) throw new InvalidEventError(event.id, `${fault}; no adapter can store it`);
}
