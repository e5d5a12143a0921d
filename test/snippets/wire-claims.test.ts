// Wire claims are checked like the others: flip the one on b.close() (RST with bytes unread) and
// observe fails, naming the scenario, the line, the claim and what was on the wire. Needs the
// capture, so root; elsewhere the scenario says capture was unavailable and the claim is not checked.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { captureUnavailable } from '../../snippets/lab/capture.ts';
import { observeCli, snippetsCopy } from '../helpers/observe-cli.ts';

const ID = 'tcp/peer-closed-unread-then-read';
const why = captureUnavailable();

it.skipIf(why !== undefined)('a flipped wire claim makes observe fail, naming it and what was on the wire', () => {
  const copy = snippetsCopy();
  try {
    const file = join(copy.dir, `${ID}.ts`);
    const text = readFileSync(file, 'utf8');
    const flipped = text.replace('//=> linux: 0 · wire: b RST', '//=> linux: 0 · wire: b FIN');
    expect(flipped).not.toBe(text);
    writeFileSync(file, flipped);
    const run = observeCli(['-q', '-n', '3', ID], { CLOSING_TIME_SNIPPETS: copy.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(`✗ ${ID} \\(.*${ID}\\.ts:\\d+\\) b\\.close\\(\\): claims wire: b FIN, observed wire: b RST ACK`),
    );
    expect(run.stderr).toMatch(/1 contradict/);
  } finally {
    copy.remove();
  }
});

it.skipIf(why !== undefined)('the real claims hold: an RST from B after b.close() with bytes unread, a FIN without', () => {
  const run = observeCli(['--json', '-n', '3', ID, 'tcp/peer-closed-then-read']);
  expect(run.code, run.stderr).toBe(0);
  const closes = JSON.parse(run.stdout).scenarios.map((s: { calls: { code: string; wireClaim?: string; wireVerdict?: string }[] }) =>
    s.calls.find((c) => c.code === 'b.close()'),
  );
  expect(closes.map((c: { wireClaim?: string; wireVerdict?: string }) => [c.wireClaim, c.wireVerdict])).toEqual([
    ['b RST', 'agrees'],
    ['b FIN', 'agrees'],
  ]);
});

it.skipIf(why === undefined)('without capture, a TCP scenario says why and its wire claims go unchecked', () => {
  const run = observeCli(['--json', '-n', '1', ID]);
  const s = JSON.parse(run.stdout).scenarios[0];
  expect(s.wireUnavailable).toBe(why);
  expect(s.calls.every((c: { wireVerdict?: string }) => c.wireVerdict === undefined)).toBe(true);
});

it('with capture turned off, the same: the reason is recorded, nothing is faked', () => {
  const run = observeCli(['--json', '-n', '1', ID], { CLOSING_TIME_CAPTURE: '0' });
  expect(run.code, run.stderr).toBe(0);
  const s = JSON.parse(run.stdout).scenarios[0];
  expect(s.wireUnavailable).toBe('capture was turned off (CLOSING_TIME_CAPTURE=0)');
  expect(s.calls.some((c: { wire?: unknown }) => c.wire)).toBe(false);
});
