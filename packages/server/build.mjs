// Builds the server for production: an ES module, packages/server/dist/main.js (and the media
// download worker beside it), that Node runs as it is (no TypeScript at run time). The engine, a
// workspace package shipped as TypeScript source, is bundled in with its pure dependencies; the
// server's other dependencies stay in node_modules. dist/ sits beside src/, so the paths the server
// finds its files by (../package.json, the examples, the builder's dist) are the same from either.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// ajv is imported by subpath without an extension (`ajv/dist/2020`), which Node's ES module
// resolution refuses in an external import, so it is bundled too.
const bundled = (name) => name.startsWith('@chatflow/') || name.startsWith('ajv');
const external = Object.keys(manifest.dependencies).filter((name) => !bundled(name));

await build({
  // The media download worker runs in its own thread, from its own file beside main.js.
  entryPoints: {
    main: new URL('./src/main.ts', import.meta.url).pathname,
    'download-worker': new URL('./src/media/download-worker.ts', import.meta.url).pathname,
  },
  outdir: new URL('./dist', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: true,
  // Bundled CommonJS code (ajv's) may call require(); give the ES module one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // Custom node handlers are bundled by the glob import in src/custom/handler-port.ts; with none yet it matches nothing.
  logOverride: { 'empty-glob': 'silent' },
  logLevel: 'warning',
});
