// A Node.js peer that stops answering: as netns.ts does for the lab's own sockets, a pair of Node
// `net` sockets made inside a private network namespace (root only), where `silence(b)` drops every
// packet to or from B, and where a sysctl can be changed for that namespace alone.
import { dropPort, enterNamespace, setNamespaceSysctl, privateNamespace } from './netns.ts';
import { netPair, type NodeSocket } from './node-net.ts';
import { recorder } from './recorder.ts';

const namespaces = new WeakMap<NodeSocket, string>();

/**
 * A connected pair of Node sockets over TCP inside a fresh network namespace. Node creates its
 * sockets on the main thread, so the main thread stays in the namespace until both ends exist.
 */
export async function namespacedNetPair(): Promise<[NodeSocket, NodeSocket]> {
  const name = privateNamespace();
  const leave = enterNamespace(name);
  let pair: [NodeSocket, NodeSocket];
  try {
    pair = await netPair('tcp');
  } finally {
    leave();
  }
  namespaces.set(pair[1], name);
  return pair;
}

function namespaceOf(b: NodeSocket, what: string): { name: string; port: number } {
  const name = namespaces.get(b);
  const port = b.socket.localPort;
  if (!name || port === undefined) throw new Error(`${what} needs the b of a namespacedNetPair()`);
  return { name, port };
}

/** From now on every packet to or from B's port is dropped as it arrives: B goes silent (`0`). */
export function silence(b: NodeSocket): number | string {
  return recorder().record({ method: 'silence', kind: 'silence', on: b }, () => {
    const { name, port } = namespaceOf(b, 'silence()');
    dropPort(name, port);
    return { result: 0, sigpipe: false };
  });
}

/**
 * Sets a `net.*` sysctl in B's private namespace only (the machine's own value is untouched), and
 * records the value read back there.
 */
export function namespaceSysctl(b: NodeSocket, key: string, value: number): number | string {
  return recorder().record({ method: 'namespaceSysctl', kind: 'option', on: b }, () => {
    const { name } = namespaceOf(b, 'namespaceSysctl()');
    return { result: setNamespaceSysctl(name, key, value), sigpipe: false };
  });
}
