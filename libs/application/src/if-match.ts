/**
 * If-Match as the command side reads it (RFC 9110 §13.1.1): "*" (the stream exists, at
 * any revision), or the revisions its strong entity tags name (a list: any of them), or
 * one revision. The api parses the header (apps/api/src/http/entity-tags.ts); weak tags
 * and tags that name no revision never match, so they leave the list.
 */
export type IfMatch = '*' | number | readonly number[];

/** Whether a stream at `revision` (undefined: no stream) meets the condition. */
export const ifMatchHolds = (ifMatch: IfMatch, revision: number | undefined): boolean =>
  revision !== undefined && (ifMatch === '*' || (typeof ifMatch === 'number' ? ifMatch === revision : ifMatch.includes(revision)));

/** The condition as the 412 answer reports it: one revision as a number, a list as an array, or "*". */
export const expectedOf = (ifMatch: IfMatch): number | readonly number[] | '*' =>
  Array.isArray(ifMatch) && ifMatch.length === 1 ? ifMatch[0]! : ifMatch;
