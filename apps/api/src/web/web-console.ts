import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/**
 * Serves the built console at / beside the api (same origin, so connect-src 'self' covers the
 * api). Files are listed once at start (wildcard: false), so an unknown path still reaches Nest
 * and answers 404 problem+json. The console routes in the URL hash, so / is its only page.
 */
export async function serveWebConsole(app: NestFastifyApplication, folder = webConsoleFolder()): Promise<void> {
  if (!existsSync(join(folder, 'index.html'))) {
    app.getHttpAdapter().getInstance().get('/', async (_request, reply) =>
      reply.code(503).type('application/problem+json').send({
        type: 'https://jixiao.example/problems/web-console-not-built',
        title: 'Web console not built',
        status: 503,
        detail: 'The web console has not been built; npm start builds it, or run npm run build:web',
      }),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: folder,
    prefix: '/',
    index: 'index.html',
    wildcard: false,
    decorateReply: false,
    cacheControl: false,
    dotfiles: 'ignore',
    setHeaders: (reply, path) => {
      void reply.headers({
        'content-security-policy': consoleContentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        'cache-control': /[\\/]assets[\\/]/.test(path) ? hashedAssetCache : documentCache,
      });
    },
  });
}
