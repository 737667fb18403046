import { problem } from './problem.js';
import { inputFaults, type FieldFault } from './input-rules.js';
import { decodeUtf8Strictly } from './text-validity.js';

/** Deepest nesting of arrays and objects a body may have; the deepest DTO (a rulebook) needs 6. */
export const MAX_BODY_DEPTH = 32;

/**
 * The api's only JSON body parser, registered for application/json in place of the
 * framework's. In order, before anything is built from the body: the bytes must be UTF-8
 * (not silently replaced with U+FFFD), the nesting must stay within MAX_BODY_DEPTH (deeper
 * bodies overflowed the stack of class-transformer), the text must be JSON, and every
 * value must obey the input rules. Each refusal is a 400 problem naming the field.
 */
export function parseJsonBody(bytes: Buffer): unknown {
  if (bytes.length === 0) throw invalid('malformed-json', 'The body is empty; send a JSON object', [{ field: 'body', constraints: ['body must be a JSON object'] }]);
  const text = decodeUtf8Strictly(bytes);
  if (text === undefined) throw invalid('invalid-utf8', 'The body is not valid UTF-8', fieldsWithBadBytes(bytes));
  const tooDeep = depthFault(text);
  if (tooDeep) {
    throw invalid('too-deep', `The body nests deeper than ${MAX_BODY_DEPTH} levels`, [
      { field: tooDeep, constraints: [`${tooDeep} nests deeper than ${MAX_BODY_DEPTH} levels`] },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid('malformed-json', `The body is not JSON: ${(error as Error).message}`, [{ field: 'body', constraints: ['body must be JSON'] }]);
  }
  const faults = inputFaults(value);
  if (faults.length) throw invalid('validation', `${faults.length} field(s) failed validation: ${faults.map((f) => f.field).join(', ')}`, faults);
  return value;
}

function invalid(slug: string, detail: string, errors: FieldFault[]) {
  return problem(400, slug, 'Invalid request', detail, { errors });
}

/**
 * Names the fields holding the bad bytes: decoded leniently, each bad sequence becomes
 * U+FFFD, so the strings that contain one are the culprits (or "body" when the damage
 * broke the JSON itself).
 */
function fieldsWithBadBytes(bytes: Buffer): FieldFault[] {
  const fields: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'string' && value.includes('\uFFFD')) fields.push(path || 'body');
    else if (Array.isArray(value)) value.forEach((item, i) => visit(item, path ? `${path}.${i}` : String(i)));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes('\uFFFD')) fields.push(at);
        else visit(item, at);
      }
    }
  };
  try {
    if (depthFault(bytes.toString('utf8')) === undefined) visit(JSON.parse(bytes.toString('utf8')), '');
  } catch {
    // Not JSON once decoded: the body as a whole is named.
  }
  const named = fields.length ? fields : ['body'];
  return named.map((field) => ({ field, constraints: [`${field} is not valid UTF-8`] }));
}

/**
 * Scans JSON text for nesting past MAX_BODY_DEPTH without parsing it, and names where:
 * the dotted path of keys and indexes to the container that goes one level too deep.
 */
export function depthFault(text: string): string | undefined {
  // One frame per open container: an object's current key, or an array's current index.
  const frames: { array: boolean; at: string | number; expectKey: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = frames[frames.length - 1];
    if (c === QUOTE) {
      // Jump to the closing quote; one preceded by an odd number of backslashes is escaped.
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
      if (end === -1) return undefined; // unterminated: JSON.parse will say so
      if (top && !top.array && top.expectKey) {
        top.at = text.slice(i + 1, end);
        top.expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (frames.length === MAX_BODY_DEPTH) return frames.map((f) => f.at).join('.') || 'body';
      frames.push({ array: c === OPEN_ARRAY, at: c === OPEN_ARRAY ? 0 : '', expectKey: c === OPEN_OBJECT });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      frames.pop();
    } else if (c === COMMA && top) {
      if (top.array) top.at = (top.at as number) + 1;
      else top.expectKey = true;
    }
  }
  return undefined;
}

const [QUOTE, OPEN_OBJECT, CLOSE_OBJECT, OPEN_ARRAY, CLOSE_ARRAY, COMMA, BACKSLASH] = [...'"{}[],\\'].map((c) => c.charCodeAt(0));

function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let k = quote - 1; k >= 0 && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
  return backslashes % 2 === 1;
}
