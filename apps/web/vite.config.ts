import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web console, built into dist/web and served by the api at / (apps/api/src/web/web-console.ts).
 * Assets are named by content hash under assets/, which the api caches for a year.
 */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [vue()],
  // vue-i18n compiles messages without eval (JIT), which script-src 'self' requires; no legacy API, no devtools.
  define: {
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    manifest: true,
    // Vite's module preload polyfill is an inline-free script; keep it, CSP allows 'self'.
    chunkSizeWarningLimit: 1200,
  },
  logLevel: 'warn',
});
