import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The list of libraries is written in four configs (tsconfig paths, .swcrc paths, the
 * Jest module map and nest-cli.json). The folders under libs/ are the one list; this
 * checks each config against it, so a new library cannot be half registered.
 */
const root = process.cwd();
const libraries = readdirSync(join(root, 'libs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const json = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
/** The package aliases a paths map names, without subpath entries such as @jixiao/application/shutdown. */
const aliases = (paths: Record<string, string[]>) =>
  Object.entries(paths)
    .filter(([alias]) => /^@jixiao\/[a-z-]+$/.test(alias))
    .map(([alias, [target]]) => {
      expect(target).toBe(`libs/${alias.slice('@jixiao/'.length)}/src/index.ts`);
      return alias.slice('@jixiao/'.length);
    })
    .sort();

describe('the list of libraries', () => {
  it('has at least the command side and the domain', () => {
    expect(libraries).toEqual(expect.arrayContaining(['application', 'domain', 'event-store', 'projections', 'workflow']));
  });

  it('is the same in tsconfig.json and .swcrc', () => {
    expect(aliases(json('tsconfig.json').compilerOptions.paths)).toEqual(libraries);
    expect(aliases(json('.swcrc').jsc.paths)).toEqual(libraries);
    expect(json('.swcrc').jsc.paths).toEqual(json('tsconfig.json').compilerOptions.paths);
  });

  it('is the same in the Jest module map', () => {
    // Read as text: the config is plain JavaScript, outside the typed sources.
    const text = readFileSync(join(root, 'jest.config.js'), 'utf8');
    const names = /'\^@jixiao\/\(([a-z|-]+)\)\$': '<rootDir>\/libs\/\$1\/src\/index\.ts'/.exec(text)![1]!.split('|').sort();
    expect(names).toEqual(libraries);
  });

  it('is the same in nest-cli.json, beside the apps', () => {
    const projects = json('nest-cli.json').projects as Record<string, { type: string; root: string }>;
    const listed = Object.entries(projects).filter(([, p]) => p.type === 'library').map(([name, p]) => (expect(p.root).toBe(`libs/${name}`), name));
    expect(listed.sort()).toEqual(libraries);
    // The Node apps; apps/web is the browser console, built by Vite, not by Nest.
    const apps = readdirSync(join(root, 'apps'))
      .filter((name) => !existsSync(join(root, 'apps', name, 'vite.config.ts')))
      .sort();
    expect(Object.entries(projects).filter(([, p]) => p.type === 'application').map(([name]) => name).sort()).toEqual(apps);
  });
});
