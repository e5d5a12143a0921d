// What the "Run it yourself" page says, worked out from the project itself: the address to clone
// (site-config.ts), the Node floor (package.json's engines) and the tested releases
// (observe/node-releases.ts), the scenarios that need root (those whose snippet makes a network
// namespace), and the lab's own words on a system it has no constants for. Pure but for reading
// files; RunYourself.astro renders it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { floorRelease, TESTED_RELEASES, BUILD_RELEASE } from '../../observe/node-releases.ts';
import type { Observations } from '../../observe/schema.ts';
import { ciWords } from '../../observe/format.ts';
import { CAPABILITIES, notYetRunWords, platforms, type Capability } from '../../snippets/lab/platform.ts';
import { cloneFolder, repositoryUrl } from '../site-config.ts';

/** One line of Node releases that are tested, and why each is there. */
export interface ReleaseLine {
  line: string;
  releases: { version: string; why: string }[];
}

/** Everything the page shows that is not prose. */
export interface RunYourself {
  repository: string;
  folder: string;
  floor: string;
  buildRelease: string;
  lines: ReleaseLine[];
  /** Scenarios that need root (and iproute2 + nftables): they make a network namespace. */
  needRoot: string[];
  /** The systems the lab has constants for, by Node's name. */
  platforms: string[];
  /** Where the lab stands on macOS: 'written for macOS, not yet run on one', or the CI run that observed it. */
  onMac: { status: string; run?: string; lacks: { what: string; why: string }[] };
  /** A scenario to try first, and its file. */
  first: { id: string; file: string };
}

/** Builds the page's facts from the project at `root` and this build's observations. */
export function runYourself(observed: Observations, root = process.cwd(), reports: { observations: Observations }[] = []): RunYourself {
  const lines = new Map<string, ReleaseLine>();
  for (const r of TESTED_RELEASES) {
    const line = r.version.split('.')[0];
    if (!lines.has(line)) lines.set(line, { line, releases: [] });
    lines.get(line)!.releases.push({ version: r.version, why: r.roles.join(', ') });
  }
  const needRoot = observed.scenarios
    .filter((s) => /namespacedTcpPair\(/.test(readFileSync(join(root, s.file), 'utf8')))
    .map((s) => s.id);
  const first = observed.scenarios.find((s) => s.id === 'unix-stream/peer-closed-unread-then-read') ?? observed.scenarios[0];
  const repository = repositoryUrl(root);
  return {
    repository,
    folder: cloneFolder(repository),
    floor: floorRelease(root),
    buildRelease: BUILD_RELEASE,
    lines: [...lines.values()],
    needRoot,
    platforms: Object.keys(platforms),
    onMac: macStatus(reports),
    first: { id: first.id, file: first.file },
  };
}

/** The lab on macOS: observed by a CI run when a report from one exists (the newest), else written for it and not yet run; and what it lacks there. */
function macStatus(reports: { observations: Observations }[]): RunYourself['onMac'] {
  const runs = reports.map((r) => r.observations.provenance).filter((p) => p.os === 'darwin' && p.ci);
  const newest = runs.sort((x, y) => y.observedAt.localeCompare(x.observedAt))[0];
  const lacks = Object.entries(platforms.darwin.lacks).map(([k, why]) => ({ what: CAPABILITIES[k as Capability], why: why! }));
  if (newest) return { status: ciWords(newest)!, run: newest.ci!.run, lacks };
  return { status: notYetRunWords('darwin')!, lacks };
}

/** A reason without its parenthesised source-file citation (`(bsd/sys/un.h:79)`), for the main text; the whole reason goes under the hood. */
export function plainReason(why: string): string {
  return why.replace(/\s*\([^()]*\b[\w/-]+\.[ch](?::[\d, -]+)?[^()]*\)/g, '');
}
