// Nothing outlives a run: no descriptor (the worker counts them per scenario), no temporary
// directory, no socket file.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';
import { observeCli } from '../helpers/observe-cli.ts';

const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith('closing-time-'));

it('a full run leaves no descriptors and no temporary files', () => {
  const before = ours();
  const run = observeCli(['-q', '--repetitions', '5']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).not.toMatch(/file descriptor/);
  expect(ours()).toEqual(before);
});

it('a snippet that leaks a descriptor fails, and says so', () => {
  const run = observeCli(['-q', '--snippets', 'test/fixtures/snippets', 'fixture/leaks']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('✗ fixture/leaks: left 20 file descriptor(s) open');
});
