import { defineConfig } from 'vitest/config'

// End-to-end: the built renderer in Debian's Chromium, wired to the real main-side handlers.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/harness/global-setup.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false
  }
})
