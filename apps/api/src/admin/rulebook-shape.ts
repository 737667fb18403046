import { DEFAULT_SELF_EVALUATION_RULES, nationalRulebook2020 } from '@jixiao/domain';
import type { FieldFault } from '../http/input-rules.js';

/**
 * Keys a published rulebook may not have: every key must be one the Rulebook type has,
 * at the same place. The template is national-2020 (every required field) with the
 * optional ones added: a policy for the fifth grade 低 and the self-evaluation options.
 * A rulebook is stored in the hash-chained log for good, so a misspelt key is refused with
 * 400 rather than kept beside the field it meant to set. The values are the domain's
 * business (validateRulebook, 422).
 */
const everyKey = {
  ...nationalRulebook2020,
  resultPolicy: { ...nationalRulebook2020.resultPolicy, low: nationalRulebook2020.resultPolicy.fair },
  selfEvaluation: DEFAULT_SELF_EVALUATION_RULES,
};

export function rulebookKeyFaults(value: unknown, template: unknown = everyKey, path = 'rulebook'): FieldFault[] {
  if (Array.isArray(value) && Array.isArray(template)) {
    return template.length ? value.flatMap((item, i) => rulebookKeyFaults(item, template[0], `${path}.${i}`)) : [];
  }
  if (!isObject(value) || !isObject(template)) return [];
  return Object.keys(value).flatMap((key) =>
    Object.hasOwn(template, key)
      ? rulebookKeyFaults(value[key], template[key], `${path}.${key}`)
      : [{ field: `${path}.${key}`, constraints: [`property ${key} should not exist`] }],
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
