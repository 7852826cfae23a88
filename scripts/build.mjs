// Builds the extension and CLI bundles (dist/) and transpiles sources and tests for mocha (out/).
// Usage: node scripts/build.mjs [--production]
// Exits non-zero on any build error.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync, statSync, chmodSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name === 'fixtures') continue;
      out.push(...walk(p));
    } else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) {
      out.push(p);
    }
  }
  return out;
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

try {
  rmSync('dist', { recursive: true, force: true });
  await esbuild.build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  });
  await esbuild.build({
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  });
  chmodSync('dist/cli.js', 0o755);
  if (!production) {
    rmSync('out', { recursive: true, force: true });
    await esbuild.build({
      entryPoints: [...walk('src'), ...walk('test')],
      outdir: 'out',
      outbase: '.',
      bundle: false,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    // Transpiled modules keep `import ... from '../../package.json'` as a require relative to out/.
    copyFileSync('package.json', 'out/package.json');
  }
} catch {
  // esbuild already printed the diagnostics
  process.exitCode = 1;
}
