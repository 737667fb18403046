/**
 * The api's injection tokens, in one file: the ports and values AppModule provides by
 * value (the instances themselves come from @jixiao/application's host openers).
 */
export const EVENT_STORE = Symbol('EventStore');
export const READ_MODEL_DB = Symbol('ReadModelDatabase');
export const PROJECTION_RUNNER = Symbol('ProjectionRunner');
/** The clock queries measure ages, deadlines and 序时进度 against; tests inject a fixed one. */
export const CLOCK = Symbol('Clock');
