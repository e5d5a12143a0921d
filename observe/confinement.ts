// What a worker may reach. Where root allows it (Linux, root, unshare there), each worker
// runs in a network namespace of its own (unshare --net) with only loopback up: a snippet, even a
// wrong one, cannot reach or expose any other address, nor see another worker's ports. It still
// runs as the observer's user, in the host's files and processes.
import { setLoopbackUp } from '../snippets/lab/libc.ts';
import { toolPath } from '../snippets/lab/namespaces.ts';

/** Set in a confined worker's environment. */
const CONFINED = 'CLOSING_TIME_CONFINED';

/** How to start a worker confined: the command and its arguments, to which node's are added; undefined where it cannot be. */
export function confinedLauncher(): { command: string; args: string[]; env: Record<string, string> } | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const unshare = toolPath('unshare');
  if (!unshare) return undefined;
  return { command: unshare, args: ['--net', '--'], env: { [CONFINED]: '1' } };
}

/** In a worker the observer confined: brings loopback up in its network namespace (nothing else is there), in this process. */
export function bringUpLoopback(): void {
  if (process.env[CONFINED] === '1') setLoopbackUp();
}
