// Claims are comments on the line of the call they describe:
//
//   a.read();   //=> linux: ECONNRESET · darwin: 0
//
// and a snippet's header says what it is and where reported (not observed) claims come from:
//
//   // title: B closes without reading; A reads
//   // reported: darwin — the original answer, Example 1 (OS X, version not stated)
//   // varies: why the outcome is allowed to differ between repetitions (rare)
//   // slow: why it takes long (it waits for a kernel timer); it then runs beside the others
//   // repetitions: at most this many runs, for a slow scenario
//
// A line may also claim the segments that follow its call on the wire (`· wire: b RST`): see wire.ts.
import { parseWireClaim, type WireClaim } from './wire.ts';

/** The claims of one line: each platform's accepted values (more than one only with `or`). */
export type LineClaims = Record<string, string[]>;

/** What a snippet's comments say, parsed. */
export interface SnippetSource {
  title: string;
  /** Where each platform's reported claims come from. */
  reported: Record<string, string>;
  varies?: string;
  /** Why the scenario is slow (it waits for a kernel timer); slow ones run in a worker of their own. */
  slow?: string;
  /** At most this many runs, whatever the observer was asked for (slow scenarios). */
  repetitions?: number;
  claims: Map<number, LineClaims>;
  /** The wire claims, by line. */
  wireClaims: Map<number, WireClaim>;
  /** Number of header lines (directives) before the code a reader should see. */
  headerLines: number;
}

/** A claim that cannot be parsed, with the line it is on. */
export class ClaimSyntaxError extends Error {}

const VALUE = /^(-?\d+|E[A-Z0-9]+|SIG[A-Z0-9]+|BLOCKED|RUNNING|(?:IN|PRI|OUT|ERR|HUP|NVAL|RDHUP)(?: (?:IN|PRI|OUT|ERR|HUP|NVAL|RDHUP))*)$/;

/** Parses the comment after `//=>` into claims per platform. */
export function parseClaim(text: string, where: string): LineClaims {
  const claims: LineClaims = {};
  for (const part of text.split(/\s+[·;]\s+/)) {
    if (/^wire:/.test(part.trim())) continue;
    const m = /^([a-z][a-z0-9]*):\s*(.+?)\s*$/.exec(part.trim());
    if (!m) throw new ClaimSyntaxError(`${where}: a claim must read 'platform: value', not '${part.trim()}'`);
    const [, platform, values] = m;
    if (claims[platform]) throw new ClaimSyntaxError(`${where}: '${platform}' is claimed twice`);
    claims[platform] = values.split(/\s+or\s+/).map((v) => {
      if (!VALUE.test(v)) {
        throw new ClaimSyntaxError(
          `${where}: '${v}' is not a result (a number, an errno name like ECONNRESET, a signal like SIGPIPE, or poll flags like IN HUP)`,
        );
      }
      return v;
    });
  }
  return claims;
}

/** Reads a snippet's header and every claim in it; errors name the file and line. */
export function parseSnippet(source: string, file: string): SnippetSource {
  const lines = source.split('\n');
  const reported: Record<string, string> = {};
  let title: string | undefined;
  let varies: string | undefined;
  let slow: string | undefined;
  let repetitions: number | undefined;
  let headerLines = 0;
  for (const [i, line] of lines.entries()) {
    const m = /^\/\/ (title|reported|varies|slow|repetitions): (.*)$/.exec(line);
    if (!m) break;
    headerLines = i + 1;
    if (m[1] === 'title') title = m[2].trim();
    else if (m[1] === 'varies') varies = m[2].trim();
    else if (m[1] === 'slow') slow = m[2].trim();
    else if (m[1] === 'repetitions') {
      repetitions = Number(m[2]);
      if (!Number.isInteger(repetitions) || repetitions < 1) {
        throw new ClaimSyntaxError(`${file}:${i + 1}: '// repetitions:' takes a whole number ≥ 1`);
      }
    }
    else {
      const r = /^([a-z][a-z0-9]*) — (.+)$/.exec(m[2].trim());
      if (!r) throw new ClaimSyntaxError(`${file}:${i + 1}: write '// reported: platform — source'`);
      reported[r[1]] = r[2];
    }
  }
  if (!title) throw new ClaimSyntaxError(`${file}:1: a snippet starts with '// title: …'`);
  const claims = new Map<number, LineClaims>();
  const wireClaims = new Map<number, WireClaim>();
  for (const [i, line] of lines.entries()) {
    const at = line.indexOf('//=>');
    if (at === -1) continue;
    const text = line.slice(at + 4).trim();
    claims.set(i + 1, parseClaim(text, `${file}:${i + 1}`));
    const wire = text.split(/\s+[·;]\s+/).find((part) => /^wire:/.test(part.trim()));
    if (wire === undefined) continue;
    const parsed = parseWireClaim(wire.trim().slice('wire:'.length));
    if (typeof parsed === 'string') throw new ClaimSyntaxError(`${file}:${i + 1}: ${parsed}`);
    wireClaims.set(i + 1, parsed);
  }
  return { title, reported, varies, slow, repetitions, claims, wireClaims, headerLines };
}

/** Whether an observed result is one of the values a claim accepts. */
export function agrees(accepted: string[], observed: number | string): boolean {
  return accepted.includes(String(observed));
}

/** The platforms a snippet claims something for, other than the one observed. */
export function unsourcedPlatforms(snippet: SnippetSource, observedPlatform: string): string[] {
  const named = new Set<string>();
  for (const claims of snippet.claims.values()) for (const p of Object.keys(claims)) named.add(p);
  return [...named].filter((p) => p !== observedPlatform && !snippet.reported[p]);
}
