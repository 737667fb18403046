import { MAX_INPUT_MAGNITUDE } from '@jixiao/domain';
import { textFault } from './text-validity.js';

/** One failing field, as every 400 lists them: a dotted path (`indicators.0.name`) and why. */
export interface FieldFault {
  readonly field: string;
  readonly constraints: string[];
}

/**
 * Names no key may have: every member of Object.prototype (`__proto__`, `constructor`,
 * `toString`, …). class-validator's whitelist looks keys up in a plain object, where these
 * names always resolve, so without this rule they would pass as known fields.
 */
const prototypeMembers: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The rules every value a client sends obeys, whatever the route: text per
 * text-validity (newline and tab allowed here; single-line fields refuse them through
 * their decorator), keys that are not prototype members, and numbers that are finite
 * with |x| ≤ 10^12. Returns every fault found, each naming its field.
 */
export function inputFaults(value: unknown): FieldFault[] {
  const faults: FieldFault[] = [];
  // The path is kept as segments and joined only for a fault: most bodies have none.
  const path: (string | number)[] = [];
  const fault = (why: string) => {
    const field = path.join('.') || 'body';
    faults.push({ field, constraints: [`${field} ${why}`] });
  };
  const visit = (item: unknown): void => {
    if (typeof item === 'string') {
      const why = textFault(item, { multiline: true });
      if (why) fault(why);
    } else if (typeof item === 'number') {
      if (!Number.isFinite(item)) fault('must be a finite number');
      else if (Math.abs(item) > MAX_INPUT_MAGNITUDE) fault('must be between -1e12 and 1e12');
    } else if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        path.push(i);
        visit(item[i]);
        path.pop();
      }
    } else if (item !== null && typeof item === 'object') {
      for (const key of Object.keys(item)) {
        path.push(key);
        const keyFault = prototypeMembers.has(key) ? 'should not exist' : textFault(key);
        if (keyFault) fault(prototypeMembers.has(key) ? keyFault : `is a key that ${keyFault}`);
        else visit((item as Record<string, unknown>)[key]);
        path.pop();
      }
    }
  };
  visit(value);
  return faults;
}
