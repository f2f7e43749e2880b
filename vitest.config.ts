import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const alias = {
  '@otmetka/contracts': resolve(__dirname, 'libs/contracts/src/index.ts'),
};

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } })],
        resolve: { alias },
        test: {
          name: 'api',
          root: __dirname,
          include: ['apps/api/**/*.spec.ts', 'apps/api/test/**/*.e2e-spec.ts', 'libs/**/*.spec.ts', 'scripts/**/*.spec.ts'],
          globals: true,
          environment: 'node',
          pool: 'forks',
          globalSetup: ['apps/api/test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } })],
        resolve: { alias },
        test: {
          name: 'web',
          root: __dirname,
          include: ['apps/journal/e2e/**/*.browser-spec.ts', 'apps/diary/e2e/**/*.browser-spec.ts'],
          globals: true,
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          globalSetup: ['apps/api/test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
