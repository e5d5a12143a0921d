// The lab's private network namespaces: a sysctl set for one stays in it (the machine's own value
// is never touched), and only per-namespace `net.*` keys are accepted.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { namespaceUnavailable, setNamespaceSysctl } from '../../snippets/lab/netns.ts';
import { toolPath } from '../../snippets/lab/namespaces.ts';

const KEY = 'net.ipv4.tcp_keepalive_probes';   // every lab socket with keepalive sets TCP_KEEPCNT itself
const FILE = '/proc/sys/net/ipv4/tcp_keepalive_probes';

describe('setNamespaceSysctl', () => {
  it('refuses a key that is not a per-namespace net.* sysctl, in one line', () => {
    expect(() => setNamespaceSysctl('unused', 'kernel.panic', 1)).toThrow(/^setNamespaceSysctl: kernel\.panic is not a per-namespace net\.\* sysctl$/);
    expect(() => setNamespaceSysctl('unused', 'net.ipv4.../../x', 1)).toThrow(/is not a per-namespace/);
  });

  it.skipIf(namespaceUnavailable() !== undefined)('sets the value in the namespace only, never on the machine', () => {
    const name = `sysctl-test-${process.pid}`;   // not a lab name: no leftovers check takes it for a run's
    const before = readFileSync(FILE, 'utf8').trim();
    const wanted = before === '3' ? 4 : 3;
    execFileSync(toolPath('ip')!, ['netns', 'add', name]);
    try {
      expect(setNamespaceSysctl(name, KEY, wanted)).toBe(wanted);
      const inside = execFileSync(toolPath('ip')!, ['netns', 'exec', name, 'cat', FILE], { encoding: 'utf8' }).trim();
      expect(inside).toBe(String(wanted));
      expect(readFileSync(FILE, 'utf8').trim()).toBe(before);
    } finally {
      if (readFileSync(FILE, 'utf8').trim() !== before) writeFileSync(FILE, before);
      execFileSync(toolPath('ip')!, ['netns', 'delete', name]);
    }
  });
});
