/**
 * Builds the web console (apps/web → dist/web) when its sources changed since the last
 * build, so `npm start` builds once on a fresh clone and then starts at once. The build
 * is named by a SHA-256 over apps/web (every file, by path and content) and the lock file
 * (a new Vue or ECharts changes the output too), kept in dist/web/.source-hash.
 * `--force` builds regardless. Only `npm start` (and the tests) run it, never the cli or worker.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repositoryRoot, webConsoleFolder } from './web-console.js';

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(path);
      return entry.isFile() ? [path] : [];
    })
    .sort();
}

/** The content hash of everything a web build reads. */
export function webSourceHash(root = repositoryRoot()): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(join(root, 'apps', 'web')), join(root, 'package-lock.json')]) {
    hash.update(relative(root, file).split('\\').join('/')).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export const builtHashFile = () => join(webConsoleFolder(), '.source-hash');

/** Whether dist/web was built from the sources as they are now. */
export function webBuildIsCurrent(): boolean {
  const file = builtHashFile();
  return existsSync(file) && existsSync(join(webConsoleFolder(), 'index.html')) && readFileSync(file, 'utf8').trim() === webSourceHash();
}

export async function buildWebIfChanged(force = false): Promise<'built' | 'current'> {
  if (!force && webBuildIsCurrent()) return 'current';
  const hash = webSourceHash();
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(repositoryRoot(), 'apps', 'web', 'vite.config.ts') });
  writeFileSync(builtHashFile(), hash + '\n');
  console.log(`web console built into ${webConsoleFolder()} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

if (process.argv[1]?.endsWith('build-web-if-changed.js')) {
  const outcome = await buildWebIfChanged(process.argv.includes('--force'));
  if (outcome === 'current') console.log('web console: sources unchanged since the last build, not rebuilding');
}
