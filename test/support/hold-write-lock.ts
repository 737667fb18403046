import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * Another process that takes SQLite's write lock on `file` (BEGIN IMMEDIATE) and keeps it
 * for `holdMs`, as a second api, a worker or an operator's sqlite3 shell can. Resolves once
 * the lock is held; `released` resolves when the process has let go and exited.
 */
export async function holdWriteLock(file: string, holdMs: number): Promise<{ child: ChildProcess; released: Promise<unknown> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs});
    db.exec('ROLLBACK');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const released = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return { child, released };
}
