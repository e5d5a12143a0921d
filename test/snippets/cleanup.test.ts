// Nothing outlives a run: no descriptor (the worker counts them per scenario), no temporary
// directory, no socket file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';
import { observeCli } from '../helpers/observe-cli.ts';

const ours = () => readdirSync(tmpdir()).filter((f) => f.startsWith('closing-time-'));
/** Processes whose command line carries the lab's child marker. */
const children = () =>
  readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('closing-time-child');
      } catch {
        return false;
      }
    });
/** Network namespaces the lab made (it names them closing-time-PID-N). */
const namespaces = () => (existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith('closing-time-')) : []);

it('a full run leaves no descriptors, temporary files, child processes or namespaces', () => {
  const before = { tmp: ours(), children: children(), namespaces: namespaces() };
  const run = observeCli(['-q', '--repetitions', '5']);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).not.toMatch(/file descriptor/);
  expect({ tmp: ours(), children: children(), namespaces: namespaces() }).toEqual(before);
  if (process.getuid?.() === 0 && existsSync('/usr/sbin/ip')) {
    expect(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })).not.toContain('closing-time-');
  }
});

it('a snippet that leaks a descriptor fails, and says so', () => {
  const run = observeCli(['-q', '--snippets', 'test/fixtures/snippets', 'fixture/leaks']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('✗ fixture/leaks: left 20 file descriptor(s) open');
});
