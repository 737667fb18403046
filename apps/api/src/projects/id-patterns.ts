/** A project id: letters, digits, "_", "." and "-", up to 100 characters (it becomes part of a stream name). */
export const projectIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** Ids a client may choose inside a project (readings, cuts, rectifications…): up to 100 characters. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/**
 * A field that refers to an existing id, which may be one the system derived
 * (`<kind>@<32 base32>`, e.g. the rectification a poor grade ordered; see derivedId in
 * @jixiao/domain). "@" is outside idPattern, so a client never chooses such an id.
 */
export const referencePattern = /^(?:[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}|[a-z][a-z-]{0,23}@[a-z2-7]{32})$/;
