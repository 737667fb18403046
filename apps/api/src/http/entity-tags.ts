/**
 * Entity tags and the conditional headers that carry them, per RFC 9110 §8.8.3 and
 * §13.1.1–13.1.2:
 *
 *   If-Match / If-None-Match = "*" / #entity-tag
 *   entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE      etagc = %x21 / %x23-7E / %x80-FF
 *
 * A list may have empty elements and optional whitespace around commas. If-Match uses
 * the strong comparison (a weak tag never matches), If-None-Match the weak one (only the
 * opaque parts are compared). A header that is not of this shape is malformed: 400.
 */
export interface EntityTag {
  readonly weak: boolean;
  /** The quoted part without its quotes, e.g. 3 for "3". */
  readonly opaque: string;
}

/** "*" (any current representation), or the tags listed. */
export type EntityTagCondition = { readonly any: true } | { readonly any: false; readonly tags: readonly EntityTag[] };

const tag = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

/** The condition a header states, or undefined when it is malformed. */
export function parseEntityTagCondition(header: string): EntityTagCondition | undefined {
  const value = header.trim();
  if (value === '*') return { any: true };
  const tags: EntityTag[] = [];
  // A quoted tag may hold a comma ("," is %x2C, an etagc), so split on commas outside quotes.
  for (const element of splitOutsideQuotes(value)) {
    const trimmed = element.trim();
    if (trimmed === '') continue;
    const match = tag.exec(trimmed);
    if (!match) return undefined;
    tags.push({ weak: match[1] !== undefined, opaque: match[2]! });
  }
  return tags.length ? { any: false, tags } : undefined;
}

function splitOutsideQuotes(value: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '"') quoted = !quoted;
    else if (value[i] === ',' && !quoted) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** The ETag of a stream revision, a strong tag: "3". */
export const etagOfRevision = (revision: number): string => `"${revision}"`;

/**
 * What an If-Match condition can match, by the strong comparison: "*", or the stream
 * revisions its strong tags name. "3" names revision 3; W/"3" (weak), "03" and "abc"
 * name none, so a list of only those can never match (412). The command side checks the
 * list against the revision it loads (libs/application/src/if-match.ts).
 */
export function strongRevisions(condition: EntityTagCondition): '*' | number[] {
  if (condition.any) return '*';
  return condition.tags.filter((t) => !t.weak && /^(0|[1-9]\d{0,14})$/.test(t.opaque)).map((t) => Number(t.opaque));
}

/** If-None-Match against the ETag a GET would send: true when the client's copy is current (answer 304). */
export function noneMatchFails(condition: EntityTagCondition, currentEtag: string): boolean {
  if (condition.any) return true;
  const current = tag.exec(currentEtag)?.[2];
  return current !== undefined && condition.tags.some((t) => t.opaque === current);
}
