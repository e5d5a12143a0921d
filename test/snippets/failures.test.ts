// Bad input gets one clear line, a non-zero exit, and loses no other work.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { closestIds, projectRoot, scenarioIds } from '../../observe/catalogue.ts';
import { observeBounded } from '../helpers/faults.ts';
import { miniProject } from '../helpers/mini-project.ts';
import { observeCli, snippetsCopy } from '../helpers/observe-cli.ts';

const ID = 'tcp/peer-closed-unread-then-read';

/** The scenario's text, claiming EPIPE for the read that resets. */
function wrongClaim(text: string): string {
  const wrong = text.replace('a.read();          //=> linux: ECONNRESET', 'a.read();          //=> linux: EPIPE');
  expect(wrong).not.toBe(text);
  return wrong;
}

/** A copy of the snippets where that scenario claims EPIPE for the read that resets. */
function mutated() {
  const copy = snippetsCopy();
  const file = join(copy.dir, `${ID}.ts`);
  writeFileSync(file, wrongClaim(readFileSync(file, 'utf8')));
  return copy;
}

it('a wrong claim makes observe fail, naming the scenario, the line, the claim and the observation', () => {
  const copy = mutated();
  try {
    // The wrong claim's scenario and one more of its transport: the second is still observed and judged.
    const run = observeCli(['-q', ID, 'tcp/peer-closed-then-read'], { CLOSING_TIME_SNIPPETS: copy.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`✗ ${ID} \\(.*${ID}\\.ts:\\d+\\) a\\.read\\(\\): claims linux: EPIPE, observed ECONNRESET`),
    );
    expect(run.stderr).toMatch(/observed 2 of 2 scenario\(s\).*: \d+ claim\(s\) agree, 1 contradict/);
  } finally {
    copy.remove();
  }
});

it('a wrong claim makes npm run build fail before Astro runs, and writes nothing', () => {
  // The README's command in a copy of the project whose catalogue is that scenario (the build's
  // failure path does not depend on how many there are), with its claim made wrong.
  const mini = miniProject([ID], { astro: false });
  const file = join(mini.dir, 'snippets', `${ID}.ts`);
  writeFileSync(file, wrongClaim(readFileSync(file, 'utf8')));
  const out = mkdtempSync(join(tmpdir(), 'closing-time-build-'));
  try {
    // Built into a folder of its own: the checkout's site/generated/ and dist/ are the site tests'.
    const npm = spawnSync('npm', ['run', 'build'], {
      cwd: mini.dir,
      encoding: 'utf8',
      // Its own lock: node_modules, where the lock lives by default, is the checkout's.
      env: { ...process.env, CLOSING_TIME_BUILD_DIR: out, CLOSING_TIME_BUILD_LOCK: join(mini.dir, 'build.lock') },
    });
    expect(npm.status).not.toBe(0);
    expect(npm.stderr).toContain(`✗ ${ID}`);
    expect(npm.stdout + npm.stderr).not.toMatch(/\[build\] Complete/);
    expect(readdirSync(out)).toEqual([]);
  } finally {
    mini.remove();
    rmSync(out, { recursive: true, force: true });
  }
});

it('an unknown id exits 2 and lists the closest known ids', () => {
  const run = observeCli(['tcp/peer-closed-unread-then-reed']);
  expect(run.code).toBe(2);
  expect(run.stderr.trim()).toBe(
    "unknown scenario 'tcp/peer-closed-unread-then-reed'; closest known: tcp/peer-closed-unread-then-read, tcp/peer-closed-unread-then-write, tcp/peer-closed-then-read",
  );
});

it('a page that places an unknown id stops the build in one line, before anything is observed', () => {
  const content = mkdtempSync(join(tmpdir(), 'closing-time-content-'));
  const out = mkdtempSync(join(tmpdir(), 'closing-time-build-'));
  try {
    const page = join(content, 'chapter.mdx');
    writeFileSync(page, ['# A chapter', '', '<Scenario id="fixture/fine" />', '', '<Scenario id="fixture/hang" />', ''].join('\n'));
    // The scenario asked for hangs for ten minutes: observing it first would outlast the bound below.
    const run = observeBounded(
      ['-q', '--out', join(out, 'observations.json'), '--snippets', 'test/fixtures/snippets', '--timeout', '600000', 'fixture/hangs'],
      { CLOSING_TIME_CONTENT: content },
      20_000,
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `✗ ${relative(projectRoot, page)}:5: places 'fixture/hang', which has no snippet; closest: ${closestIds('fixture/hang', scenarioIds(join(projectRoot, 'test/fixtures/snippets'))).join(', ')}`,
    ]);
    expect(readdirSync(out)).toEqual([]);
  } finally {
    rmSync(content, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
});

it('a scenario that hangs is stopped at its timeout, naming the step, and the others are still observed', () => {
  const run = observeCli(['--json', '--snippets', 'test/fixtures/snippets', '--timeout', '2000', '-n', '3', 'fixture']);
  expect(run.code).toBe(1);
  expect(run.stderr).toContain('✗ fixture/hangs: stopped after 2000 ms without progress in repetition 1, at line 6: a.poll(60000)');
  expect(run.stderr).toContain("✗ fixture/bad-claim: test/fixtures/snippets/fixture/bad-claim.ts:5:20: linux: 'connection reset' is not a result");
  const observed = JSON.parse(run.stdout);
  expect(observed.scenarios.map((s: { id: string }) => s.id)).toEqual(['fixture/fine']);
});

it('a malformed report from another OS stops the build in one line, before anything is observed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'closing-time-reports-'));
  try {
    writeFileSync(join(dir, 'darwin.json'), JSON.stringify({ schema: 1, provenance: { os: 'darwin' }, scenarios: [] }));
    const run = observeCli(['-q', '--out', join(dir, 'out.json')], { CLOSING_TIME_REPORTS: dir });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`✗ ${relative(projectRoot, join(dir, 'darwin.json'))}: $.provenance.release: missing (expected string)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
