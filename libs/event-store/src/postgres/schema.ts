import pg from 'pg';

/** A PostgreSQL schema name we accept unquoted-safe: lower case, digits, underscore. */
const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertValidSchemaName(schema: string): void {
  if (!schemaNamePattern.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name ${JSON.stringify(schema)}: use [a-z_][a-z0-9_]*`);
  }
}

/**
 * Each entry moves the schema one version on; `s` is the quoted schema name.
 * data and metadata are text, not jsonb: the store keeps the exact JSON it was
 * given (jsonb refuses "\u0000" in strings, which JSON.stringify emits), and a
 * tampered row that no longer parses is then reported as corrupt rather than
 * silently normalised. The trigger keeps the table append-only for anyone going
 * through SQL normally; the hash chain proves it for anyone who does not.
 */
const migrations: readonly ((s: string) => string)[] = [
  (s) => `
    CREATE TABLE ${s}.events (
      position       bigint  PRIMARY KEY,
      stream         text    NOT NULL,
      revision       bigint  NOT NULL,
      id             text    NOT NULL,
      type           text    NOT NULL,
      schema_version integer NOT NULL,
      data           text    NOT NULL,
      metadata       text    NOT NULL,
      recorded_at    text    NOT NULL,
      hash           text    NOT NULL
    );
    CREATE UNIQUE INDEX events_stream_revision ON ${s}.events (stream, revision);
    CREATE UNIQUE INDEX events_id ON ${s}.events (id);
    CREATE FUNCTION ${s}.events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'events are append-only'; END $$;
    CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON ${s}.events
      FOR EACH ROW EXECUTE FUNCTION ${s}.events_append_only();
    CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON ${s}.events
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.events_append_only();`,
];

export const schemaVersion = migrations.length;

/** Advisory lock namespace ("JX"); the second key is derived from the schema name. */
export const lockNamespace = 0x4a58;

/** A stable 32-bit key per schema, so stores in different schemas do not serialise on each other. */
export function schemaLockKey(schema: string, purpose: 'append' | 'migrate'): number {
  let hash = purpose === 'append' ? 0x811c9dc5 : 0x01000193;
  for (const ch of `${purpose}:${schema}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * Creates the schema and applies missing migrations in one transaction under an
 * advisory lock, so processes starting together migrate once and never see half a schema.
 * Returns the versions applied by this call (empty when already current).
 */
export async function migrate(pool: pg.Pool, schema: string): Promise<number[]> {
  assertValidSchemaName(schema);
  const s = pg.escapeIdentifier(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [lockNamespace, schemaLockKey(schema, 'migrate')]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
         version    integer     PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(
      `SELECT coalesce(max(version), 0)::int AS version FROM ${s}.schema_migrations`,
    );
    const applied: number[] = [];
    for (let version = rows[0]!.version; version < migrations.length; version++) {
      await client.query(migrations[version]!(s));
      await client.query(`INSERT INTO ${s}.schema_migrations (version) VALUES ($1)`, [version + 1]);
      applied.push(version + 1);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
