import { join, resolve } from 'node:path';
import type { AppConfig } from './app-config.js';

/** Operator settings of the Merkle log and its checkpoints, read once at start. */
export interface TransparencyConfig {
  /** The signing key file, outside the event store: JIXIAO_SIGNING_KEY_FILE, default <data dir>/keys/signing-key.json. */
  readonly signingKeyFile: string;
  /** Names this log in every checkpoint: JIXIAO_LOG_ORIGIN, default "jixiao". */
  readonly origin: string;
  /** JIXIAO_CHECKPOINT_EVERY_EVENTS (default 10000) and JIXIAO_CHECKPOINT_EVERY_MINUTES (default 60). */
  readonly everyEvents: number;
  readonly everyMinutes: number;
  /** How often the api checks whether a checkpoint is due, ms (JIXIAO_CHECKPOINT_POLL_MS, default 30000). */
  readonly pollMs: number;
  /** On EventStoreDB, where the subscriber keeps the tree: JIXIAO_MERKLE_INDEX_FILE, default <data dir>/merkle-index.sqlite. */
  readonly indexFile: string;
}

export function loadTransparencyConfig(config: Pick<AppConfig, 'dataDir'>, env: NodeJS.ProcessEnv = process.env): TransparencyConfig {
  const whole = (name: string, fallback: number, min: number): number => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} "${env[name]}" must be a whole number ≥ ${min}`);
    return value;
  };
  const origin = env['JIXIAO_LOG_ORIGIN'] ?? 'jixiao';
  if (!/^[\x21-\x7e]{1,200}$/.test(origin)) throw new Error('JIXIAO_LOG_ORIGIN must be 1 to 200 printable ASCII characters without spaces');
  return {
    signingKeyFile: resolve(env['JIXIAO_SIGNING_KEY_FILE'] ?? join(config.dataDir, 'keys', 'signing-key.json')),
    origin,
    everyEvents: whole('JIXIAO_CHECKPOINT_EVERY_EVENTS', 10_000, 1),
    everyMinutes: whole('JIXIAO_CHECKPOINT_EVERY_MINUTES', 60, 1),
    pollMs: whole('JIXIAO_CHECKPOINT_POLL_MS', 30_000, 10),
    indexFile: resolve(env['JIXIAO_MERKLE_INDEX_FILE'] ?? join(config.dataDir, 'merkle-index.sqlite')),
  };
}
