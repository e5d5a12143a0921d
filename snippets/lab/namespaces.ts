// Network namespaces the lab makes, by name. Each is named closing-time-OWNER-PID-START-N:
// OWNER is the observe run that asked for it (CLOSING_TIME_OWNER, or the process itself), PID
// and START the process that made it and its start time (so a reused PID is not taken for it),
// N a counter. A namespace whose maker is gone was left by a run that died: the next run removes
// it before making its own, and observe removes those of a worker it saw die.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const NETNS_DIR = '/run/netns';

/** Every namespace name of this lab starts with this. */
const NAME = 'closing-time-';

/** When a process started, in clock ticks since boot (field 22 of /proc/PID/stat); undefined when it is gone or a zombie. */
export function startTime(pid: number | 'self'): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' || fields[0] === 'X' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

/** The start of the names of the namespaces this process makes for `owner`. */
export function namespacePrefix(owner: number = Number(process.env.CLOSING_TIME_OWNER) || process.pid): string {
  return `${namespacesOfRun(owner, process.pid)}${startTime('self')}-`;
}

/** The start of the names of the namespaces made for the observe run `owner`, or by its process `maker` only. */
export function namespacesOfRun(owner: number, maker?: number): string {
  return `${NAME}${owner}-${maker === undefined ? '' : `${maker}-`}`;
}

/** The process that made a namespace of this lab (the PID in its name), or undefined for another name. */
export function makerOf(name: string): number | undefined {
  const parts = name.slice(NAME.length).split('-');
  return name.startsWith(NAME) && parts.length === 4 && parts.every((p) => /^\d+$/.test(p)) ? Number(parts[1]) : undefined;
}

/** Our namespaces that exist now (all of them, or those whose name starts with `prefix`). */
export function namespacesNamed(prefix = NAME): string[] {
  try {
    return readdirSync(NETNS_DIR).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
}

/** Removes a namespace (and with it its nft table); false when `ip` could not. */
export function removeNamespace(name: string): boolean {
  try {
    execFileSync('ip', ['netns', 'delete', name], { stdio: ['ignore', 'ignore', 'pipe'] });
    return true;
  } catch {
    return !existsSync(`${NETNS_DIR}/${name}`);
  }
}

/**
 * Whether the process that made a namespace is gone. Names of this lab carry the maker's PID and
 * start time (…-PID-START-N); older ones only a PID (closing-time-PID-N), gone when no such process runs.
 */
export function makerGone(name: string): boolean {
  const parts = name.slice(NAME.length).split('-');
  if (!name.startsWith(NAME)) return false;
  if (!parts.every((p) => /^\d+$/.test(p))) return false;
  if (parts.length === 4) return startTime(Number(parts[1])) !== parts[2];
  if (parts.length === 2) return startTime(Number(parts[0])) === undefined;
  return false;
}

/** Removes the namespaces left by runs that died (their maker is gone); returns their names. */
export function removeStaleNamespaces(): string[] {
  return namespacesNamed().filter((n) => makerGone(n) && removeNamespace(n));
}

