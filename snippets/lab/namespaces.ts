// Network namespaces the lab makes, by name. Each is named closing-time-OWNER-PID-START-PIDNS-N:
// OWNER is the observe run that asked for it (CLOSING_TIME_OWNER, or the process itself), PID
// and START the process that made it and its start time (so a reused PID is not taken for it),
// PIDNS the inode of its PID namespace (in which PID and START mean something), N a counter. A
// namespace whose maker is gone was left by a run that died: the next run removes it before making
// its own, and observe removes those of a worker it saw die.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ended, procStat } from './proc-stat.ts';

const NETNS_DIR = '/run/netns';

/** Every namespace name of this lab starts with this. */
const NAME = 'closing-time-';

/** When a process started, in clock ticks since boot (field 22 of /proc/PID/stat); undefined when it is gone or a zombie. */
export function startTime(pid: number | 'self'): string | undefined {
  const stat = procStat(pid);
  return stat && !ended(stat) ? stat.start : undefined;
}

/** The inode of this process's PID namespace: PIDs and start times are only comparable within one. */
function pidNamespace(): string {
  try {
    return String(statSync('/proc/self/ns/pid').ino);
  } catch {
    return '0';
  }
}

/** The start of the names of the namespaces this process makes for `owner`. */
export function namespacePrefix(owner: number = Number(process.env.CLOSING_TIME_OWNER) || process.pid): string {
  return `${namespacesOfRun(owner, process.pid)}${startTime('self')}-${pidNamespace()}-`;
}

/** The start of the names of the namespaces made for the observe run `owner`, or by its process `maker` only. */
export function namespacesOfRun(owner: number, maker?: number): string {
  return `${NAME}${owner}-${maker === undefined ? '' : `${maker}-`}`;
}

/** The process that made a namespace of this lab (the PID in its name), or undefined for another name. */
export function makerOf(name: string): number | undefined {
  const parts = name.slice(NAME.length).split('-');
  return name.startsWith(NAME) && (parts.length === 4 || parts.length === 5) && parts.every((p) => /^\d+$/.test(p)) ? Number(parts[1]) : undefined;
}

/** Our namespaces that exist now (all of them, or those whose name starts with `prefix`). */
export function namespacesNamed(prefix = NAME): string[] {
  try {
    return readdirSync(NETNS_DIR).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
}

/**
 * Where a system tool (ip, nft) is: the first folder of PATH that has it, else /usr/sbin or /sbin
 * (often missing from a user's PATH); undefined when none has it. It is run from there, so what
 * was checked is what runs.
 */
export function toolPath(tool: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/sbin'];
  return dirs.map((d) => join(d, tool)).find((p) => {
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });
}

/** Removes a namespace (and with it its nft table); false when `ip` could not. */
export function removeNamespace(name: string): boolean {
  try {
    execFileSync(toolPath('ip') ?? 'ip', ['netns', 'delete', name], { stdio: ['ignore', 'ignore', 'pipe'] });
    return true;
  } catch {
    return !existsSync(`${NETNS_DIR}/${name}`);
  }
}

/**
 * Whether the process that made a namespace is gone. Names of this lab carry the maker's PID, its
 * start time and its PID namespace (…-PID-START-PIDNS-N): one made in another PID namespace (a
 * container sharing /run/netns) cannot be judged from here, so it is never taken for gone. Older
 * names carry no PID namespace (…-PID-START-N), or only a PID (closing-time-PID-N).
 */
export function makerGone(name: string): boolean {
  const parts = name.slice(NAME.length).split('-');
  if (!name.startsWith(NAME)) return false;
  if (!parts.every((p) => /^\d+$/.test(p))) return false;
  if (parts.length === 5) return parts[3] === pidNamespace() && startTime(Number(parts[1])) !== parts[2];
  if (parts.length === 4) return startTime(Number(parts[1])) !== parts[2];
  if (parts.length === 2) return startTime(Number(parts[0])) === undefined;
  return false;
}

/** Removes the namespaces left by runs that died (their maker is gone); returns their names. */
export function removeStaleNamespaces(): string[] {
  return namespacesNamed().filter((n) => makerGone(n) && removeNamespace(n));
}

