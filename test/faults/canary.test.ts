// A lab whose SIGPIPE mechanism is broken (CLOSING_TIME_TEST_BREAK=sigpipe, read by libc.ts's
// takeSigpipe() for tests only) makes observe refuse before observing: exit 1, one line naming the
// canary's check, and no report, --out file or JSON written.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { observeCli } from '../helpers/observe-cli.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('observe refuses to write a report when the canary fails, naming the check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'closing-time-canary-'));
  dirs.push(dir);
  const report = join(dir, 'report.json');
  const out = join(dir, 'out.json');
  const r = observeCli(['unix-stream/peer-closed-then-write', '--json', '--out', out, '--report', report, '--contributor', 'Ada'], { CLOSING_TIME_TEST_BREAK: 'sigpipe' });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toEqual([
    "✗ canary 'sigpipe' failed: a write to a socketpair whose peer is closed gives EPIPE and exactly one SIGPIPE, but no SIGPIPE was seen: the lab cannot trust its own mechanisms here, so nothing was observed or written",
  ]);
  expect([existsSync(report), existsSync(out)]).toEqual([false, false]);
});

it('the same scenario observes and writes its report when nothing is broken', () => {
  const dir = mkdtempSync(join(tmpdir(), 'closing-time-canary-'));
  dirs.push(dir);
  const out = join(dir, 'out.json');
  const r = observeCli(['unix-stream/peer-closed-then-write', '--repetitions', '2', '--quiet', '--out', out]);
  expect(r.stderr).toContain('claim(s) agree, 0 contradict');
  expect(r.code).toBe(0);
  expect(existsSync(out)).toBe(true);
});

it('a scenario its platform lacks a capability for is shown as not observed on this platform, with the reason, and fails nothing', () => {
  const r = observeCli(['--snippets', 'test/fixtures/snippets', '--repetitions', '1', 'platform/lacks-capability', '--json']);
  expect(r.code, r.stderr).toBe(0);
  const [record] = JSON.parse(r.stdout).scenarios;
  expect(record).toMatchObject({ id: 'platform/lacks-capability', skippedOn: 'platform', skipped: 'darwin lacks Unix SOCK_SEQPACKET sockets: a fixture standing in for requireCapability()' });
  const table = observeCli(['--snippets', 'test/fixtures/snippets', '--repetitions', '1', 'platform/lacks-capability']);
  expect(table.stdout).toContain('not observed on this platform: darwin lacks Unix SOCK_SEQPACKET sockets');
});
