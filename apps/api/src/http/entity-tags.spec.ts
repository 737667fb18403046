import { ifMatchHolds, noneMatchFails, parseEntityTagCondition } from './entity-tags.js';

describe('entity tags per RFC 9110', () => {
  it.each(['0', '"0', '0"', 'W/0', 'w/"0"', '"a"b"', '"0" "1"', '', ' , ', '"\u0001"', '**'])('refuses the malformed header %j', (header) => {
    expect(parseEntityTagCondition(header)).toBeUndefined();
  });

  it('reads *, single tags, weak tags and lists with empty elements and whitespace', () => {
    expect(parseEntityTagCondition('*')).toEqual({ any: true });
    expect(parseEntityTagCondition('"5", W/"0" ,, "a,b"')).toEqual({
      any: false,
      tags: [{ weak: false, opaque: '5' }, { weak: true, opaque: '0' }, { weak: false, opaque: 'a,b' }],
    });
  });

  it('If-Match compares strongly: a weak tag or another spelling never matches', () => {
    const cond = (h: string) => parseEntityTagCondition(h)!;
    expect(ifMatchHolds(cond('"3"'), 3)).toBe(true);
    expect(ifMatchHolds(cond('"5", "3"'), 3)).toBe(true);
    expect(ifMatchHolds(cond('W/"3"'), 3)).toBe(false);
    expect(ifMatchHolds(cond('"03"'), 3)).toBe(false);
    expect(ifMatchHolds(cond('"abc"'), 3)).toBe(false);
    expect(ifMatchHolds(cond('*'), 0)).toBe(true);
    expect(ifMatchHolds(cond('*'), undefined)).toBe(false);
  });

  it('If-None-Match compares weakly', () => {
    const cond = (h: string) => parseEntityTagCondition(h)!;
    expect(noneMatchFails(cond('W/"3"'), '"3"')).toBe(true);
    expect(noneMatchFails(cond('"1", "3"'), '"3"')).toBe(true);
    expect(noneMatchFails(cond('"4"'), '"3"')).toBe(false);
    expect(noneMatchFails(cond('*'), '"3"')).toBe(true);
  });
});
