import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The Content-Security-Policy of the web console (issue 19, as given): everything from this
 * origin, inline styles allowed for Element Plus and ECharts, data: images, no framing.
 * /api/docs (Swagger UI) keeps its own headers: this policy is set only on console files.
 */
export const consoleContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** Vite names every file under assets/ by its content hash, so a year's cache never serves a stale file. */
const hashedAssetCache = 'public, max-age=31536000, immutable';
/** index.html names the current hashed assets, so a browser revalidates it every time (ETag answers 304). */
const documentCache = 'no-cache';

/** The repository root: the nearest folder above this module holding package.json (works from src and from dist). */
export function repositoryRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error('web console: no package.json above ' + fileURLToPath(import.meta.url));
    folder = parent;
  }
  return folder;
}

/** Where `npm run build:web` writes the console (apps/web/vite.config.ts: outDir). */
export const webConsoleFolder = () => join(repositoryRoot(), 'dist', 'web');

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

interface ConsoleFile {
  readonly body: Buffer;
  /** Text files worth compressing are gzipped on first request, then served from memory. */
  readonly compressible: boolean;
  gzip?: Buffer;
  readonly type: string;
  readonly etag: string;
  readonly cacheControl: string;
}

/** Every file of the build, except dotfiles and Vite's manifest folder, by URL path. */
function loadBuild(folder: string): Map<string, ConsoleFile> {
  const files = new Map<string, ConsoleFile>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const body = readFileSync(path);
        const url = '/' + relative(folder, path).split(sep).join('/');
        const type = contentTypes[extname(path)] ?? 'application/octet-stream';
        files.set(url, {
          body,
          compressible: /^text\/|json|svg/.test(type) && body.length > 1024,
          type,
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
          cacheControl: url.startsWith('/assets/') ? hashedAssetCache : documentCache,
        });
      }
    }
  };
  walk(folder);
  return files;
}

/**
 * Serves the built console at / beside the api (same origin, so connect-src 'self' covers the
 * api). The build is small (about 2 MB), so it is read once at start and served from memory,
 * gzipped (once, on first request) when the browser accepts it; one GET route per file, so any other path still reaches
 * Nest and answers 404 problem+json. The console routes in the URL hash, so / is its only page.
 * (@fastify/static streams from disk and compresses per request or needs .gz files beside the
 * build; a build this size is simpler to hold, hash and gzip once.)
 */
export async function serveWebConsole(app: NestFastifyApplication, folder = webConsoleFolder()): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  if (!existsSync(join(folder, 'index.html'))) {
    fastify.get('/', async (_request, reply) =>
      reply.code(503).type('application/problem+json').send({
        type: 'https://jixiao.example/problems/web-console-not-built',
        title: 'Web console not built',
        status: 503,
        detail: 'The web console has not been built; npm start builds it, or run npm run build:web',
      }),
    );
    return;
  }
  const files = loadBuild(folder);
  files.set('/', files.get('/index.html')!);
  for (const [url, file] of files) {
    fastify.get(url, async (request, reply) => {
      void reply.headers({
        'content-type': file.type,
        'content-security-policy': consoleContentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'cache-control': file.cacheControl,
        etag: file.etag,
        vary: 'accept-encoding',
      });
      if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
      if (file.compressible && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        file.gzip ??= gzipSync(file.body, { level: 9 });
        return reply.header('content-encoding', 'gzip').send(file.gzip);
      }
      return reply.send(file.body);
    });
  }
}
