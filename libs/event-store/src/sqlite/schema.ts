import type { Database } from 'better-sqlite3';

/**
 * Migrations by PRAGMA user_version: each entry moves the schema one version on.
 * The triggers make the table append-only for anyone going through SQLite normally;
 * the hash chain is what proves it for anyone who does not.
 */
const migrations: readonly string[] = [
  `CREATE TABLE events (
     position       INTEGER PRIMARY KEY,
     stream         TEXT    NOT NULL,
     revision       INTEGER NOT NULL,
     id             TEXT    NOT NULL,
     type           TEXT    NOT NULL,
     schema_version INTEGER NOT NULL,
     data           TEXT    NOT NULL,
     metadata       TEXT    NOT NULL,
     recorded_at    TEXT    NOT NULL,
     hash           TEXT    NOT NULL
   );
   CREATE UNIQUE INDEX events_stream_revision ON events (stream, revision);
   CREATE UNIQUE INDEX events_id ON events (id);
   CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
     BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
   CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
     BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;`,
];

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
