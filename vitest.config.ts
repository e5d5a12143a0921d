// Tests are split by what they need: lab (no kernel round trips beyond a socketpair), snippets
// (the real kernel, through the observe CLI), faults (observe under signals, dying workers and bad
// input), site (the built HTML), e2e (a real Chromium).
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    // Two test files at a time at least (vitest's default is a core less than the machine has: one,
    // on two cores). Much of the suite waits on the kernel, a child process or the browser, so a
    // second file uses the time the first spends waiting.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      // The lab project also checks that no test changed the working tree (git status before and after).
      // Some of its tests start a Node process (the lab's imports, on darwin's terms): 20 s, not
      // vitest's 5, so a machine busy with other work slows them without failing them.
      { test: { name: 'lab', include: ['test/lab/**/*.test.ts'], globalSetup: ['test/helpers/checkout-untouched.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'snippets',
          include: ['test/snippets/**/*.test.ts'],
          globalSetup: ['test/helpers/catalogue-run.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      // Fault injection: signals, dying workers, bad input; each test bounded, each cleans up.
      { test: { name: 'faults', include: ['test/faults/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 30_000 } },
      {
        test: {
          name: 'site',
          include: ['test/site/**/*.test.ts'],
          // The files share a worker's modules, so each built page is parsed once per worker
          // (test/helpers/html.ts), not once per file; they only read the built site.
          isolate: false,
          globalSetup: ['test/helpers/built-site.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Pages crawled at once in the one browser: enough to keep both cores busy while one page waits.
          maxConcurrency: 4,
          globalSetup: ['test/helpers/built-site.ts'],
          // Four pages load side by side with axe-core: bounded, but not at an idle machine's pace (60 s timed out four pages at load 35).
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
