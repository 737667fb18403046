import fc from 'fast-check';
import { derivedId, derivedIdPattern, type DerivedIdKind } from './derived-id.js';

// Parts built from the separators earlier derivations joined with, so that many pairs
// would have collided under "-" joining: ("p1", "a-r1") against ("p1-a", "r1").
const part = fc.array(fc.constantFrom('p1', 'a', 'r1', '-', '--', '@', ':', 'dev', 'budget', 'overdue', '受益户数', '2025-05', ''), { minLength: 0, maxLength: 6 }).map((xs) => xs.join(''));
const kinds: DerivedIdKind[] = ['escalation-timer', 'rectification-timer', 'cadence-timer', 'deviation', 'budget-deviation', 'evaluation-cut', 'overdue-cut', 'evaluation-rectification', 'incentive', 'overdue-accountability'];

describe('derived ids (issue 11)', () => {
  it('keeps apart the pairs that "-" joining made equal', () => {
    expect(derivedId('rectification-timer', 'p1', 'a-r1')).not.toBe(derivedId('rectification-timer', 'p1-a', 'r1'));
    expect(derivedId('deviation', 'budget', '2025-05')).not.toBe(derivedId('budget-deviation', '2025-05'));
    expect(derivedId('evaluation-cut', 'r1-overdue')).not.toBe(derivedId('overdue-cut', 'r1'));
  });

  it('is injective over colliding-looking parts: distinct (kind, parts) give distinct ids', () => {
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.array(part, { minLength: 1, maxLength: 3 }), fc.constantFrom(...kinds), fc.array(part, { minLength: 1, maxLength: 3 }), (k1, p1, k2, p2) => {
        const same = k1 === k2 && JSON.stringify(p1) === JSON.stringify(p2);
        expect(derivedId(k1, ...p1) === derivedId(k2, ...p2)).toBe(same);
      }),
      { numRuns: 5000, seed: 11 },
    );
  });

  it('is bounded, a valid stream-name piece, and never an id a client may choose', () => {
    const clientId = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/; // apps/api id-patterns idPattern
    const streamName = /^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/; // event-store limits
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.array(fc.string({ maxLength: 300 }), { minLength: 1, maxLength: 3 }), (kind, parts) => {
        const id = derivedId(kind, ...parts);
        expect(id.length).toBeLessThanOrEqual(57);
        expect(id).toMatch(derivedIdPattern);
        expect(`timer-${id}`).toMatch(streamName);
        expect(id).not.toMatch(clientId);
        expect(derivedId(kind, ...parts)).toBe(id); // stable: redeliveries derive the same id
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
