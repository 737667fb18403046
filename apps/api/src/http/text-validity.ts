/**
 * Text validity at the edge (DESIGN §6.6): the one place that decides whether a string a
 * client sent may enter the system. Every text field of a body, every path parameter and
 * every query parameter goes through `textFault`; the body parser also refuses bytes that
 * are not UTF-8 before anything is decoded.
 *
 * Refused everywhere: lone surrogates (no UTF-8 can carry them), C0 and C1 control
 * characters and DEL (terminal escapes, NUL), and the bidi embeddings, overrides and
 * isolates U+202A–U+202E and U+2066–U+2069 (Trojan Source, CVE-2021-42574). Newline and
 * tab are allowed only where a field is multi-line.
 */

/** Why a string may not enter, in words a client can act on; undefined when it may. */
export function textFault(value: string, options: { multiline?: boolean } = {}): string | undefined {
  if (loneSurrogate.test(value)) return 'contains a lone surrogate (not valid Unicode)';
  const bad = (options.multiline ? multiLineForbidden : singleLineForbidden).exec(value);
  if (!bad) return undefined;
  const char = bad[0];
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  if (bidi.test(char)) return `contains the bidi control ${code}`;
  if (char === '\n' || char === '\t') return `contains ${char === '\n' ? 'a newline' : 'a tab'}, allowed only in multi-line text`;
  return `contains the control character ${code}`;
}

// Without the u flag a regular expression sees UTF-16 units, so it can find a surrogate with no partner.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Built from code points so this file itself holds no invisible characters.
const range = (from: number, to: number) => `\\u{${from.toString(16)}}-\\u{${to.toString(16)}}`;
const controlsExceptTabNewline = `\\u{0}-\\u{8}\\u{b}-\\u{1f}${range(0x7f, 0x9f)}`;
const bidiControls = `${range(0x202a, 0x202e)}${range(0x2066, 0x2069)}`;
const multiLineForbidden = new RegExp(`[${controlsExceptTabNewline}${bidiControls}]`, 'u');
const singleLineForbidden = new RegExp(`[\\t\\n${controlsExceptTabNewline}${bidiControls}]`, 'u');
const bidi = new RegExp(`[${bidiControls}]`, 'u');

/** Decodes UTF-8 and refuses anything else, instead of replacing bad bytes with U+FFFD. */
export function decodeUtf8Strictly(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
