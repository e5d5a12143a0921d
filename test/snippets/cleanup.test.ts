// Nothing outlives a run: no descriptor (the worker counts them per scenario), no temporary
// directory or socket file, no child process, no network namespace. The catalogue run of this test
// run (test/helpers/catalogue-run.ts) had a temporary directory of its own, so only what it made counts.
import { expect, inject, it } from 'vitest';
import { observeCli } from '../helpers/observe-cli.ts';

const run = inject('catalogue');

it('a full run of the catalogue leaves no descriptors, temporary files, child processes or namespaces', () => {
  // Whether every claim held is claims.test's to say; here only that the run went through.
  expect(run.observations?.scenarios.length, run.stderr).toBeGreaterThan(0);
  expect(run.stderr).not.toMatch(/file descriptor/);
  expect(run.leftovers).toEqual({ tmp: [], children: [], namespaces: [] });
});

it('a snippet that leaks a descriptor fails, and says so', () => {
  const leak = observeCli(['-q', '-n', '3', '--snippets', 'test/fixtures/snippets', 'fixture/leaks']);
  expect(leak.code).toBe(1);
  expect(leak.stderr).toContain('✗ fixture/leaks: left 3 file descriptor(s) open');
});
