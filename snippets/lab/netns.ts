// A peer that stops answering. Loopback always answers, so this makes a private network
// namespace (root only), connects a pair inside it, and can then drop every packet to or from B
// with nftables, as if B's cable were pulled. The namespace is removed at the end of the run.
// Names, and the clean-up of namespaces left by runs that died, are in namespaces.ts.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import * as libc from './libc.ts';
import { namespacePrefix, removeNamespace, removeStaleNamespaces, toolPath } from './namespaces.ts';
import { tcpPair } from './pairs.ts';
import { currentPlatform } from './platform.ts';
import { recorder, requireCapability, Skip } from './recorder.ts';
import type { Socket } from './socket.ts';

const platform = currentPlatform();

let made = 0;
const namespaces = new WeakMap<Socket, string>();

/** Why a namespace cannot be made here, or undefined when it can. */
export function namespaceUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'needs Linux network namespaces';
  if (process.getuid?.() !== 0) return 'needs root, to make a network namespace that drops packets';
  for (const tool of ['ip', 'nft']) {
    if (!toolPath(tool)) return `needs ${tool} (apt-get install iproute2 nftables)`;
  }
  return undefined;
}

function ip(...args: string[]): void {
  execFileSync(toolPath('ip')!, args, { stdio: ['pipe', 'ignore', 'pipe'] });
}

/**
 * A fresh network namespace with its loopback up, removed at the end of the run (and stale ones of
 * dead runs before the first); a Skip where none can be made. Its name.
 */
export function privateNamespace(): string {
  const run = recorder();
  requireCapability('deadPeers');
  const why = namespaceUnavailable();
  if (why) throw new Skip(why);
  if (made === 0) removeStaleNamespaces();
  const name = `${namespacePrefix()}${++made}`;
  run.onDispose(() => void removeNamespace(name));
  ip('netns', 'add', name);
  ip('-n', name, 'link', 'set', 'lo', 'up');
  return name;
}

/**
 * Moves the calling thread into namespace `name` (sockets belong to the namespace of the thread that
 * creates them); the function returned moves it back.
 */
export function enterNamespace(name: string): () => void {
  const home = openSync('/proc/thread-self/ns/net', 'r');
  const there = openSync(`/run/netns/${name}`, 'r');
  try {
    libc.enterNetNamespace(there);
  } catch (e) {
    closeSync(home);
    throw e;
  } finally {
    closeSync(there);
  }
  return () => {
    try {
      libc.enterNetNamespace(home);
    } finally {
      closeSync(home);
    }
  };
}

/** A connected TCP pair inside a fresh network namespace, where `silence(b)` can cut B off. */
export function namespacedTcpPair(): [Socket, Socket] {
  const name = privateNamespace();
  const leave = enterNamespace(name);
  try {
    const pair = tcpPair();
    namespaces.set(pair[1], name);
    return pair;
  } finally {
    leave();
  }
}

/** Loads nft rules that drop every packet to or from `port` into namespace `name`. */
export function dropPort(name: string, port: number): void {
  const rules = [
    'table inet closingtime {',
    '  chain in { type filter hook input priority 0; policy accept;',
    `    tcp dport ${port} drop`,
    `    tcp sport ${port} drop`,
    '  }',
    '}',
  ].join('\n');
  execFileSync(toolPath('ip')!, ['netns', 'exec', name, toolPath('nft')!, '-f', '-'], { input: rules, stdio: ['pipe', 'ignore', 'pipe'] });
}

/**
 * Sets a sysctl in namespace `name` only (`net.ipv4.tcp_retries2`: each namespace has its own), and
 * returns the value read back there. Written through /proc/sys from inside the namespace: a
 * `net.*` file there belongs to the namespace of the thread that opens it.
 */
export function setNamespaceSysctl(name: string, key: string, value: number): number {
  if (!/^net\.[a-z0-9_]+(\.[a-z0-9_]+)+$/.test(key)) throw new Error(`setNamespaceSysctl: ${key} is not a per-namespace net.* sysctl`);
  const file = `/proc/sys/${key.split('.').join('/')}`;
  const leave = enterNamespace(name);
  try {
    writeFileSync(file, String(value));
    return Number(readFileSync(file, 'utf8').trim());
  } finally {
    leave();
  }
}

/**
 * From now on every packet to or from B's port is dropped as it arrives: B goes silent. What A
 * sends still leaves A (a capture sees it go), as on a real wire whose far end is gone. nft's exit status.
 */
export function silence(b: Socket): number | string {
  return recorder().record({ method: 'silence', kind: 'silence', on: b }, () => {
    const name = namespaces.get(b);
    if (!name || !b.ports) throw new Error('silence() needs the b of a namespacedTcpPair()');
    dropPort(name, b.ports.local);
    return { result: 0, sigpipe: false };
  });
}

/** Loads nft rules into the namespace of a namespacedTcpPair()'s B. */
function nft(b: Socket, rules: string): void {
  const name = namespaces.get(b);
  if (!name || !b.ports) throw new Error('this needs the b of a namespacedTcpPair()');
  execFileSync('ip', ['netns', 'exec', name, 'nft', '-f', '-'], { input: rules, stdio: ['pipe', 'ignore', 'pipe'] });
}

/**
 * B's machine reboots: B's socket is gone and nothing tells A. Done by resetting B (SO_LINGER 0,
 * close) while a rule drops every packet B sends before it leaves, so the RST never goes out, then
 * removing the rule: A's next segment meets a port with no connection. nft's exit status.
 */
export function reboot(b: Socket): number | string {
  return recorder().record({ method: 'reboot', kind: 'close', on: b }, () => {
    if (!b.ports) throw new Error('reboot() needs the b of a namespacedTcpPair()');
    const port = b.ports.local;
    nft(b, [
      'table inet closingtime-reboot {',
      '  chain out { type filter hook output priority 0; policy accept;',
      `    tcp sport ${port} drop`,
      '  }',
      '}',
    ].join('\n'));
    const off = libc.setsockopt(b.fd, platform.sol.SOCKET, platform.so.LINGER, platform.linger(true, 0));
    if (off.ret === -1) throw new Error(`setsockopt(SO_LINGER) failed: ${libc.errnoName(off.errno ?? 0)}`);
    b.dispose();
    nft(b, 'delete table inet closingtime-reboot');
    return { result: 0, sigpipe: false };
  });
}
