// The two dead-peer scenarios need root (a network namespace that drops packets). As root they
// must be observed; as another user they must say so, and show no result at all.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import type { Observations } from '../../observe/schema.ts';

const IDS = ['tcp/keepalive-timeout', 'tcp/user-timeout'];
const root = process.getuid?.() === 0;

it.runIf(root)('as root, both are observed, stable, with every claim holding', () => {
  const run = inject('catalogue');
  const theirs = run.stderr.split('\n').filter((l) => IDS.some((id) => l.startsWith(`✗ ${id}`)));
  expect(theirs).toEqual([]);
  const ours = run.observations!.scenarios.filter((x) => IDS.includes(x.id));
  expect(ours.map((s) => s.id)).toEqual(IDS);
  for (const s of ours) {
    expect(s.skipped, s.id).toBeUndefined();
    expect(s.stable, s.id).toBe(true);
    expect(s.runs, s.id).toBeGreaterThanOrEqual(2);
    expect(s.calls.every((c) => c.verdict === 'agrees'), s.id).toBe(true);
  }
});

it.runIf(root && existsSync('/usr/bin/setpriv'))('as another user, both are skipped and say why', () => {
  // This Node may live under /root, which user 65534 cannot enter: run a copy of it.
  const dir = mkdtempSync(join(tmpdir(), 'closing-time-node-'));
  const node = join(dir, 'node');
  copyFileSync(process.execPath, node);
  chmodSync(dir, 0o755);
  chmodSync(node, 0o755);
  let r;
  try {
    r = spawnSync(
      'setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', node, join(projectRoot, 'observe/cli.ts'), '--json', ...IDS],
      { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, HOME: dir, TMPDIR: '/tmp' } },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(r.status, r.stderr).toBe(0);
  const o: Observations = JSON.parse(r.stdout);
  expect(o.scenarios.map((s) => [s.id, s.skipped, s.calls.length])).toEqual(
    IDS.map((id) => [id, 'needs root, to make a network namespace that drops packets', 0]),
  );
});
