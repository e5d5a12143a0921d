// Every snippet's claims against a live run, through `observe --json` as the build calls it.
import { beforeAll, describe, expect, it } from 'vitest';
import { scenarioIds } from '../../observe/catalogue.ts';
import { contractError, type Observations } from '../../observe/contract.ts';
import { observeCli } from '../helpers/observe-cli.ts';

const ids = scenarioIds();
let observed: Observations;
let stderr: string;

beforeAll(() => {
  const run = observeCli(['--json']);
  stderr = run.stderr;
  expect(run.code, run.stderr).toBe(0);
  observed = JSON.parse(run.stdout);
});

describe('observe --json', () => {
  it('keeps the observation contract', () => {
    expect(contractError(observed)).toBeUndefined();
  });
  it('observes every scenario there is', () => {
    expect(observed.scenarios.map((s) => s.id)).toEqual(ids);
  });
  it('says where and when, with the repetitions it ran', () => {
    expect(observed.provenance).toMatchObject({ os: process.platform, node: process.version, repetitions: 20 });
    expect(stderr).toMatch(/observed \d+ of \d+ scenario\(s\) × 20 .* 0 contradict/);
  });
});

describe.each(ids)('%s', (id) => {
  it('has a claim for this platform on every call, and every claim holds', () => {
    const s = observed.scenarios.find((x) => x.id === id)!;
    if (s.skipped) return;
    expect(s.calls.length).toBeGreaterThan(0);
    for (const c of s.calls) {
      expect(c.verdict, `${s.file}:${c.line} ${c.code} observed ${c.result}`).toBe('agrees');
    }
  });
});
