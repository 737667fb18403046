import { textFault } from './text-validity.js';
import { inputFaults } from './input-rules.js';
import { depthFault, MAX_BODY_DEPTH, parseJsonBody } from './json-body.js';
import { ProblemException } from './problem.js';

describe('text validity at the edge (DESIGN §6.6)', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['BEL', 'a\u0007b', 'U+0007'],
    ['an ANSI escape', 'a\u001b[31mb', 'U+001B'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['a C1 control (CSI)', 'a\u009bb', 'U+009B'],
    ['a carriage return', 'a\rb', 'U+000D'],
    ['a right-to-left override', 'a\u202eb', 'bidi control U+202E'],
    ['a first-strong isolate', 'a\u2068b', 'bidi control U+2068'],
    ['a lone high surrogate', 'a\ud800b', 'lone surrogate'],
    ['a lone low surrogate', 'a\udc00', 'lone surrogate'],
  ])('refuses %s everywhere', (_name, value, says) => {
    expect(textFault(value)).toContain(says);
    expect(textFault(value, { multiline: true })).toContain(says);
  });

  it('allows newline and tab only in multi-line text', () => {
    expect(textFault('line one\n\tline two')).toContain('multi-line');
    expect(textFault('line one\n\tline two', { multiline: true })).toBeUndefined();
  });

  it('accepts Chinese, emoji (surrogate pairs), U+FFFD sent as a character, and the bidi marks', () => {
    expect(textFault('农村饮水安全 🚰 \ufffd 財預〔2026〕12号 \u200f')).toBeUndefined();
  });
});

describe('the input rules every body and parameter obeys', () => {
  it('names each fault by its dotted path', () => {
    const faults = inputFaults({ title: 'ok', scores: [{ points: 1e13 }, { points: 1 }], note: 'a\u0000', nested: { deep: ['\u202e'] } });
    expect(faults.map((f) => f.field)).toEqual(['scores.0.points', 'note', 'nested.deep.0']);
  });

  it('refuses non-finite numbers and numbers past ±1e12, and accepts the bounds', () => {
    expect(inputFaults({ a: 1e12, b: -1e12, c: 0.01 })).toEqual([]);
    expect(inputFaults({ a: Infinity, b: -1e12 - 1, c: NaN }).map((f) => f.field)).toEqual(['a', 'b', 'c']);
  });

  it('refuses keys named after Object.prototype members, and keys that are not valid text', () => {
    const body = JSON.parse('{"__proto__": {}, "constructor": 1, "toString": 2, "hasOwnProperty": 3, "ok": {"valueOf": 4}, "k\\u0007": 5}');
    expect(inputFaults(body).map((f) => f.field)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'ok.valueOf', 'k\u0007']);
  });
});

describe('the JSON body parser', () => {
  const refusal = (raw: string | Buffer) => {
    try {
      parseJsonBody(Buffer.isBuffer(raw) ? raw : Buffer.from(raw));
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      return (error as ProblemException).problem;
    }
    throw new Error('accepted');
  };

  it('refuses bytes that are not UTF-8, naming the field they sit in', () => {
    const body = Buffer.concat([Buffer.from('{"title":"ok","note":"a'), Buffer.from([0xff]), Buffer.from('b"}')]);
    expect(refusal(body)).toMatchObject({ status: 400, type: expect.stringMatching(/invalid-utf8$/), errors: [{ field: 'note' }] });
    // An encoded surrogate (CESU-8) is not UTF-8 either.
    expect(refusal(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]))).toMatchObject({ errors: [{ field: 'a' }] });
  });

  it('refuses nesting past the bound before parsing, naming where, for arrays and objects', () => {
    expect(refusal(`{"scores":${'['.repeat(1314)}${']'.repeat(1314)}}`)).toMatchObject({ status: 400, type: expect.stringMatching(/too-deep$/) });
    expect(depthFault(`{"a":${'{"b":'.repeat(2372)}1${'}'.repeat(2372)}}`)).toMatch(/^a\.b\.b/);
    expect(depthFault(`{"x":[1,{"y":2},${'['.repeat(MAX_BODY_DEPTH)}${']'.repeat(MAX_BODY_DEPTH)}]}`)).toMatch(/^x\.2\.0\.0/);
    expect(depthFault(`{"s":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"[[["}`)).toBeUndefined();
    expect(depthFault(`${'['.repeat(MAX_BODY_DEPTH)}${']'.repeat(MAX_BODY_DEPTH)}`)).toBeUndefined();
  });

  it('refuses empty and malformed JSON with 400, and parses what is fine', () => {
    expect(refusal('')).toMatchObject({ status: 400 });
    expect(refusal('{"title": ')).toMatchObject({ status: 400, type: expect.stringMatching(/malformed-json$/) });
    expect(parseJsonBody(Buffer.from('{"title":"农村","n":[1,2.5]}'))).toEqual({ title: '农村', n: [1, 2.5] });
  });

  it('refuses 1e309, which JSON.parse reads as Infinity', () => {
    expect(refusal('{"value":1e309}')).toMatchObject({ status: 400, errors: [{ field: 'value' }] });
  });
});
