// What one observe run left on the machine, found by the run's own marks only: its namespaces carry
// its pid (namespacesOfRun in snippets/lab/namespaces.ts), its processes carry CLOSING_TIME_OWNER=PID. Other observe runs on
// the machine (another test file, a developer's terminal) then neither hide a leftover nor make one up.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { namespacesNamed, namespacesOfRun } from '../../snippets/lab/namespaces.ts';

/** Processes started for the observe run `pid`: its workers and everything they started carry CLOSING_TIME_OWNER=pid. */
export function processesOf(pid: number): number[] {
  const mark = `CLOSING_TIME_OWNER=${pid}\0`;
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/environ`, 'latin1').includes(mark);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The network namespaces of the observe run `pid`. */
export const namespacesOf = (pid: number) => namespacesNamed(namespacesOfRun(pid));

/** nft tables in each of the run's namespaces (there should be no namespace, so no table). */
export function tablesOf(pid: number): string[] {
  return namespacesOf(pid).flatMap((ns) =>
    spawnSync('ip', ['netns', 'exec', ns, 'nft', 'list', 'tables'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean),
  );
}
