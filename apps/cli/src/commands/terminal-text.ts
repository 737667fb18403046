/**
 * Makes a line safe to print on an auditor's terminal: every character that is not
 * printable becomes a visible \uXXXX escape. Stored text came from departments, and a
 * title holding ESC [ 2 J, a carriage return or a bidi override must not clear the
 * screen, overwrite a line or reorder what the auditor reads (issue 12). Escaped: control
 * characters (newline and tab included: one line() is one line), format characters
 * (bidi controls, zero-width ones), line and paragraph separators, lone surrogates and
 * unassigned code points. The escape is also valid inside a JSON string, so --json
 * output stays JSON.
 */
export function terminalSafe(text: string): string {
  return text.replace(nonPrintable, (chars) =>
    [...chars].map((c) => Array.from({ length: c.length }, (_u, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')).join(''),
  );
}

// Lone surrogates are matched first, as UTF-16 units, since the u flag would not see them.
const nonPrintable = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cn}]/gu;
