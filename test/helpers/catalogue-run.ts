// Global setup of the snippets project: observes the whole catalogue ONCE per test run, ×20, the way
// the build does, in a temporary directory of its own; the claims, stability and cleanup tests all
// read this one run (inject('catalogue')). The ×200 determinism run is `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
  const r = spawnSync(process.execPath, [join(projectRoot, 'observe/cli.ts'), '--json', '--repetitions', String(repetitions)], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp },
    maxBuffer: 256 * 1024 * 1024,
  });
  const leftovers: Leftovers = {
    tmp: readdirSync(tmp),
    children: processesOf(r.pid),
    namespaces: namespacesOf(r.pid),
  };
  let observations: Observations | undefined;
  try {
    observations = JSON.parse(r.stdout);
  } catch {
    // not JSON: the tests that need it say so
  }
  project.provide('catalogue', { code: r.status, stdout: r.stdout, stderr: r.stderr, observations, repetitions, leftovers });
  return () => rmSync(tmp, { recursive: true, force: true });
}
