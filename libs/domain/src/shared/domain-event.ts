/**
 * The domain's half of an event: what happened. The store adds the rest (event id,
 * stream revision, recorded-at, actor, correlation) as metadata around it.
 */
export interface DomainEvent<T extends string, D, V extends number = 1> {
  type: T;
  schemaVersion: V;
  data: D;
}
