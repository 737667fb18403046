/** A project id: letters, digits, "_", "." and "-", up to 100 characters (it becomes part of a stream name). */
export const projectIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** Ids a client may choose inside a project (readings, cuts, rectifications…): up to 100 characters. */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;
