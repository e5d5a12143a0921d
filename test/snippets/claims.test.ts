// Every snippet's claims against the one live run of the catalogue (test/helpers/catalogue-run.ts),
// made through `observe --json` as the build makes it.
import { describe, expect, inject, it } from 'vitest';
import { scenarioIds } from '../../observe/catalogue.ts';
import { contractError } from '../../observe/schema.ts';

const run = inject('catalogue');
const ids = scenarioIds();
// Parsed whatever the exit code: one failing scenario must not make the others look unobserved.
const observed = run.observations;

describe('observe --json, over the whole catalogue', () => {
  it('exits 0: every claim holds, every scenario is stable and leaks nothing', () => {
    expect(run.code, run.stderr).toBe(0);
  });
  it('keeps the observation contract', () => {
    expect(contractError(observed)).toBeUndefined();
  });
  it('observes every scenario there is', () => {
    expect(observed?.scenarios.map((s) => s.id)).toEqual(ids);
  });
  it('says where and when, with the repetitions it ran', () => {
    expect(observed?.provenance).toMatchObject({ os: process.platform, node: process.version, repetitions: run.repetitions });
    expect(run.stderr).toMatch(new RegExp(`observed ${ids.length} of ${ids.length} scenario\\(s\\) × ${run.repetitions} .* 0 contradict`));
  });
  it('gives one outcome per scenario in every run, or the snippet says why it varies', () => {
    const unstable = observed?.scenarios.filter((s) => !s.stable).map((s) => `${s.id}: ${s.variants?.map((v) => v.count).join(' + ')}`);
    expect(unstable).toEqual([]);
  });
});

describe.each(ids)('%s', (id) => {
  it('has a claim for this platform on every call, and every claim holds', (ctx) => {
    const s = observed?.scenarios.find((x) => x.id === id);
    expect(s, `${id} was not observed: ${run.stderr.split('\n').find((l) => l.startsWith(`✗ ${id}`)) ?? ''}`).toBeDefined();
    if (s!.skipped) ctx.skip(`not observed here: ${s!.skipped}`);
    expect(s!.calls.length).toBeGreaterThan(0);
    for (const c of s!.calls) {
      expect(c.verdict, `${s!.file}:${c.line} ${c.code} observed ${c.result}`).toBe('agrees');
    }
  });
});

/**
 * What the chapters say about SIGPIPE where a claim cannot say it (a claim names the result; the
 * signal is recorded beside it and is part of the outcome, so it is the same in every run): each
 * row is a scenario, a line, and whether that call raised SIGPIPE, as the page's prose says.
 */
const SIGPIPE_AS_SAID: { id: string; line: number; sigpipe: boolean; page: string }[] = [
  // A write already waiting when writing is shut gets EPIPE without the signal; the next one, with it.
  { id: 'unix-stream/blocked-write-shutdown', line: 11, sigpipe: false, page: 'unix/blocked-write' },
  { id: 'unix-stream/blocked-write-shutdown', line: 12, sigpipe: true, page: 'unix/blocked-write' },
  { id: 'unix-stream/blocked-write-shutdown', line: 21, sigpipe: false, page: 'unix/blocked-write' },
  { id: 'unix-stream/blocked-write-shutdown', line: 22, sigpipe: true, page: 'unix/blocked-write' },
  // The waiting write's ECONNRESET comes without it, on Unix and over TCP.
  { id: 'unix-stream/blocked-write-peer-closes', line: 11, sigpipe: false, page: 'unix/blocked-write' },
  { id: 'tcp/blocked-write-peer-closes', line: 11, sigpipe: false, page: 'unix/blocked-write' },
  // Over TCP, a shutdown by another thread ends the waiting write with EPIPE and the signal.
  { id: 'tcp/blocked-write-shutdown', line: 22, sigpipe: true, page: 'unix/blocked-write' },
  // No seqpacket write raises it.
  { id: 'unix-seqpacket/peer-closed-then-write', line: 6, sigpipe: false, page: 'unix/seqpacket' },
  { id: 'unix-seqpacket/peer-closed-then-write', line: 7, sigpipe: false, page: 'unix/seqpacket' },
];

describe('SIGPIPE, as the chapters say it', () => {
  it.each(SIGPIPE_AS_SAID.map((r) => [`${r.id}:${r.line}`, r] as const))('%s', (_, r) => {
    const s = observed?.scenarios.find((x) => x.id === r.id);
    const call = s?.calls.find((c) => c.line === r.line);
    expect(call, `${r.id} has no call on line ${r.line}`).toBeDefined();
    expect(!!call!.sigpipe, `${r.id}:${r.line} ${call!.code} → ${call!.result}; /${r.page}/ says it raises ${r.sigpipe ? 'SIGPIPE' : 'no SIGPIPE'}`).toBe(r.sigpipe);
  });
});
