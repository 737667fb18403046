import fc from 'fast-check';
import { stringify } from 'safe-stable-stringify';
import { eventLeafData } from './event-leaf.js';

describe('eventLeafData', () => {
  it('is the RFC 8785 canonical JSON of the whole exported event, for any data and metadata', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 20 });
    fc.assert(
      fc.property(
        fc.record({
          id: text,
          stream: text,
          type: text,
          recordedAt: text,
          hash: text,
          revision: fc.nat(),
          position: fc.nat(),
          schemaVersion: fc.nat(),
          data: fc.dictionary(text, fc.jsonValue({ maxDepth: 3 })),
          metadata: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 })),
        }),
        (event) => {
          expect(eventLeafData(event).toString('utf8')).toBe(stringify(event));
        },
      ),
      { numRuns: 300 },
    );
  });
});
