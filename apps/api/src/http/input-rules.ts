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
export function inputFaults(value: unknown, path = ''): FieldFault[] {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (typeof value === 'string') {
    const fault = textFault(value, { multiline: true });
    return fault ? [{ field: path || 'body', constraints: [`${path || 'body'} ${fault}`] }] : [];
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return [{ field: path || 'body', constraints: [`${path || 'body'} must be a finite number`] }];
    if (Math.abs(value) > MAX_INPUT_MAGNITUDE) {
      return [{ field: path || 'body', constraints: [`${path || 'body'} must be between -1e12 and 1e12`] }];
    }
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => inputFaults(item, at(index)));
  if (value !== null && typeof value === 'object') {
    return Object.keys(value).flatMap((key) => {
      if (prototypeMembers.has(key)) return [{ field: at(key), constraints: [`property ${key} should not exist`] }];
      const keyFault = textFault(key);
      if (keyFault) return [{ field: at(key), constraints: [`the key ${JSON.stringify(key)} ${keyFault}`] }];
      return inputFaults((value as Record<string, unknown>)[key], at(key));
    });
  }
  return [];
}
