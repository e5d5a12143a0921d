// Global setup of the snippets project: observes the whole catalogue ONCE per test run, ×20, the way
// the build does, in a temporary directory of its own; the claims, stability, cleanup and
// contributor tests all read this one run (inject('catalogue')). It runs the README's command for
// contributors, exactly as printed there but for `npm run observe --` (which is `node
// observe/cli.ts`) and an added `--json`, in a scratch folder that stands in for a checkout: the
// report it writes lands there, never in this checkout's reports/. The ×200 run is `npm run bench`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../../observe/catalogue.ts';
import type { Observations } from '../../observe/schema.ts';
import { namespacesOf, processesOf } from './leftovers.ts';

/** What one observe run left on the machine that a run must not leave. */
export interface Leftovers {
  /** Entries in the run's own temporary directory. */
  tmp: string[];
  /** Processes of the run (they carry CLOSING_TIME_OWNER=its pid) still alive after it ended. */
  children: number[];
  /** Network namespaces of the run (named closing-time-its pid-…) still there after it ended. */
  namespaces: string[];
}

/** The one observation of the catalogue a test run makes. */
export interface CatalogueRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /**
   * What it printed with --json, parsed; undefined only if that is not JSON. It is printed when a
   * scenario fails too, so every other scenario is still judged on its own.
   */
  observations?: Observations;
  repetitions: number;
  leftovers: Leftovers;
  /** The README's contributor command as run: the line, and the reports it wrote (name and text). */
  contributor: { command: string | undefined; reports: { name: string; text: string }[] };
}

/** The README's line for contributors (`npm run observe -- --report …`), or undefined. */
export function contributorCommand(): string | undefined {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Contributing results'), readme.indexOf('## Layout'));
  return section.split('\n').find((l) => l.startsWith('npm run observe -- --report'));
}

/** A scratch folder that stands in for a checkout: links to the code, and an empty reports/. */
function standIn(tmp: string): string {
  const dir = join(tmp, 'checkout');
  mkdirSync(join(dir, 'reports'), { recursive: true });
  for (const d of ['observe', 'snippets', 'scripts', 'node_modules', 'content']) symlinkSync(join(projectRoot, d), join(dir, d));
  copyFileSync(join(projectRoot, 'package.json'), join(dir, 'package.json'));
  return dir;
}

declare module 'vitest' {
  export interface ProvidedContext {
    catalogue: CatalogueRun;
  }
}

/** Observes the catalogue and provides the run to every test file of the project. */
export default function setup(project: TestProject): () => void {
  const repetitions = 20;
  const tmp = mkdtempSync(join(tmpdir(), 'closing-time-test-'));
  const command = contributorCommand();
  const checkout = standIn(tmp);
  // `exec`: the shell becomes the observe process, so its pid is the one its workers and namespaces carry.
  const args = command ? command.slice('npm run observe --'.length) : ` --report reports/none.json --contributor 'README has no command'`;
  const r = spawnSync('bash', ['-c', `exec '${process.execPath}' observe/cli.ts${args} --json --repetitions ${repetitions}`], {
    cwd: checkout,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp },
    maxBuffer: 256 * 1024 * 1024,
  });
  const leftovers: Leftovers = {
    tmp: readdirSync(tmp).filter((f) => f !== 'checkout'),
    children: processesOf(r.pid),
    namespaces: namespacesOf(r.pid),
  };
  let observations: Observations | undefined;
  try {
    observations = JSON.parse(r.stdout);
  } catch {
    // not JSON: the tests that need it say so
  }
  const reports = readdirSync(join(checkout, 'reports')).map((name) => ({ name, text: readFileSync(join(checkout, 'reports', name), 'utf8') }));
  project.provide('catalogue', { code: r.status, stdout: r.stdout, stderr: r.stderr, observations, repetitions, leftovers, contributor: { command, reports } });
  return () => rmSync(tmp, { recursive: true, force: true });
}
