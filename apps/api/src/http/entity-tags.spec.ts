import { noneMatchFails, parseEntityTagCondition, strongRevisions } from './entity-tags.js';

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

  it('If-Match compares strongly: only strong tags naming a revision can match', () => {
    const of = (h: string) => strongRevisions(parseEntityTagCondition(h)!);
    expect(of('"3"')).toEqual([3]);
    expect(of('"5", "3"')).toEqual([5, 3]);
    expect(of('W/"3"')).toEqual([]);
    expect(of('"03", "abc", "-1", "1e3"')).toEqual([]);
    expect(of('*')).toBe('*');
  });

  it('If-None-Match compares weakly', () => {
    const cond = (h: string) => parseEntityTagCondition(h)!;
    expect(noneMatchFails(cond('W/"3"'), '"3"')).toBe(true);
    expect(noneMatchFails(cond('"1", "3"'), '"3"')).toBe(true);
    expect(noneMatchFails(cond('"4"'), '"3"')).toBe(false);
    expect(noneMatchFails(cond('*'), '"3"')).toBe(true);
  });
});
