import { createHash } from 'node:crypto';

/**
 * Ids the system derives from other ids (timer ids, deviation, cut, rectification,
 * incentive and accountability ids minted by a rule or a process manager).
 *
 * Shape: `<kind>@<32 base32 characters>`, at most 57 characters, valid in a stream name
 * (letters, digits, "-" and "@"). The 32 characters are the first 160 bits of SHA-256 over
 * the JSON array `[kind, ...parts]`: JSON keeps every part's boundaries, so `("p1", "a-r1")`
 * and `("p1-a", "r1")` hash different inputs and, short of a SHA-256 collision, differ.
 * "@" is outside the pattern for ids a client chooses (apps/api id-patterns), so a derived
 * id never equals one a client picked, and `kind` keeps derivations of different things apart.
 *
 * Joining parts with "-" (the earlier derivation) was not injective: ids minted
 * that way stay in the store and keep their meaning (DESIGN §6.5); only new ids use this.
 * Pure: a digest is a computation, no I/O, clock or randomness.
 */
export const derivedId = (kind: DerivedIdKind, ...parts: readonly string[]): string => {
  const digest = createHash('sha256').update(JSON.stringify([kind, ...parts])).digest();
  return `${kind}@${base32(digest.subarray(0, 20))}`;
};

/** The kinds of derived id; each names what the id identifies. */
export type DerivedIdKind =
  | 'escalation-timer'
  | 'rectification-timer'
  | 'cadence-timer'
  | 'deviation'
  | 'budget-deviation'
  | 'evaluation-cut'
  | 'overdue-cut'
  | 'evaluation-rectification'
  | 'incentive'
  | 'overdue-accountability'
  | 'mid-term-timer';

/** Matches any derived id (for path parameters and body fields that refer to one). */
export const derivedIdPattern = /^[a-z][a-z-]{0,23}@[a-z2-7]{32}$/;

const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case, no padding; 20 bytes give exactly 32 characters. */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}
