// Which kind of socket a scenario's calls went through, as far as its record shows: one rule for
// the observer (whether a missing capture matters) and the site (whether to draw a timeline).
import type { SocketView } from '../snippets/lab/recorder.ts';

/** The calls as the rule needs them: the TCP state the kernel reported, and the segments captured. */
type Seen = SocketView & { peer?: SocketView; wire?: unknown[] };

/** TCP: its id says so (`tcp/…`), or the kernel reported a TCP state or segments for one of its calls. */
export function isTcpScenario(id: string, calls: Seen[]): boolean {
  return id.startsWith('tcp/') || calls.some((c) => c.state !== undefined || c.peer?.state !== undefined || c.wire !== undefined);
}

/** UDP: its id's transport is `udp` (the capture records TCP segments only). */
export function isUdpScenario(id: string): boolean {
  return id.startsWith('udp/');
}

/** Unix sockets only: its id's transport is one of the Unix ones (`unix-stream/…`, …). */
export function isUnixScenario(id: string): boolean {
  return id.startsWith('unix-');
}
