#!/usr/bin/env -S node --max-semi-space-size=2
// Runs the bundle that `npm ci` builds (see "prepare"), or the TypeScript sources through tsx when
// there is no bundle or a source file is newer than it, so an edit never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

// The embedded database is PostgreSQL compiled to WebAssembly. V8's optimising tier would keep about
// 55 MB of machine code for it; the baseline compiler alone keeps the idle process far leaner.
if (!process.env.DATABASE_URL && process.env.FLOODWATCH_WASM_OPTIMIZE !== '1') v8.setFlagsFromString('--liftoff-only');

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/floodwatch.js`;

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  return ['src', 'commands', 'db'].every(
    (dir) => !existsSync(`${root}${dir}`) || newestSource(`${root}${dir}`) <= built,
  );
}

let main;
if (bundleIsFresh()) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A library that keeps a socket or a timer open must not keep a finished command alive.
setTimeout(() => process.exit(code), 1_000).unref();
