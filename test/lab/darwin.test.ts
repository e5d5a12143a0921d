// The darwin lab, checked here on Linux: its encoders against bytes written from XNU's headers,
// its errno table, its parsers on synthetic buffers, and that importing it binds nothing. It has
// never run on a Mac; these tests say only that it does what the headers say.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import darwin, { DARWIN_ELAST, KEVENT_BYTES, KQ, keventBytes, parseKevent, pcblistState, XSO } from '../../snippets/lab/darwin.ts';
import { CAPABILITIES, KNOWN_ERRNO_NAMES, lacks, platforms, POLL_NAMES } from '../../snippets/lab/platform.ts';
import { bindFor, COMMON, ONLY } from '../../snippets/lab/prototypes.ts';
import { parseSnippet, unsourcedPlatforms } from '../../snippets/lab/syntax.ts';

describe('darwin encoders', () => {
  it('writes sockaddr_in with sin_len first and the family as one byte (bsd/netinet/in.h:385-391)', () => {
    expect(darwin.sockaddrIn('127.0.0.1', 80).toString('hex')).toBe('100200507f0000010000000000000000');
    expect(platforms.linux.sockaddrIn('127.0.0.1', 80).toString('hex')).toBe('020000507f0000010000000000000000');
  });
  it('writes sockaddr_un with sun_len and a NUL, up to 103 bytes of path, and refuses abstract names', () => {
    const path = '/tmp/closing-time-x/socket';
    const b = darwin.sockaddrUn(path);
    expect([b[0], b[1], b.length]).toEqual([2 + path.length + 1, 1, 2 + path.length + 1]);
    expect(b.subarray(2).toString()).toBe(`${path}\0`);
    expect(darwin.sockaddrUn('/' + 'x'.repeat(102)).length).toBe(106);
    expect(() => darwin.sockaddrUn('/' + 'x'.repeat(103))).toThrow('104 > 103 bytes');
    expect(() => darwin.sockaddrUn('@name')).toThrow('no abstract');
  });
  it('reads the port of a sockaddr it wrote', () => {
    expect(darwin.portOf(darwin.sockaddrIn('127.0.0.1', 54321))).toBe(54321);
  });
  it('has distinct poll bits, and no RDHUP (0, so asking for it asks for nothing)', () => {
    const bits = POLL_NAMES.filter((n) => n !== 'RDHUP').map((n) => darwin.poll[n]);
    expect(new Set(bits).size).toBe(bits.length);
    expect(bits.every((b) => b > 0 && (b & (b - 1)) === 0)).toBe(true);
    expect(darwin.poll.RDHUP).toBe(0);
  });
  it('puts linger in seconds (SO_LINGER_SEC, 0x1080), never the ticks of plain SO_LINGER (0x80)', () => {
    expect(darwin.so.LINGER).toBe(0x1080);
    expect(darwin.linger(true, 0).toString('hex')).toBe('0100000000000000');
  });
});

describe('capabilities', () => {
  it('Linux lacks none; darwin lacks seqpacket, TCP_USER_TIMEOUT, abstract names, dead peers and capture, each with a reason', () => {
    expect(Object.keys(CAPABILITIES).filter((c) => lacks(c as keyof typeof CAPABILITIES, platforms.linux))).toEqual([]);
    expect(Object.keys(darwin.lacks).sort()).toEqual(['abstractNames', 'deadPeers', 'packetCapture', 'seqpacket', 'userTimeout']);
    expect(lacks('seqpacket', darwin)).toContain('uipc_proto.c');
    expect(darwin.experimental).toEqual(['tcpStateByPorts', 'threadState']);
    expect(darwin.tcp.USER_TIMEOUT).toBeUndefined();
  });
});

describe('claims observed on a Mac', () => {
  it("need no source for Linux's claims (every build of the site checks them), and still one for a third platform's", () => {
    const source = ['// title: t', "import { socketpair } from '../lab/index.ts';", "const [a] = socketpair('unix', 'stream');", 'a.read(); //=> linux: EAGAIN · darwin: EAGAIN · freebsd: EAGAIN'].join('\n');
    const snippet = parseSnippet(source, 'snippets/x/y.ts');
    expect(unsourcedPlatforms(snippet, 'darwin')).toEqual(['freebsd']);
    expect(unsourcedPlatforms(snippet, 'linux')).toEqual(['darwin', 'freebsd']);
  });
});

describe('darwin errno table', () => {
  const table = darwin.errnoNames;
  it('names every number from 1 to ELAST (106) once', () => {
    expect(Object.keys(table).map(Number)).toEqual(Array.from({ length: DARWIN_ELAST }, (_, i) => i + 1));
    expect(new Set(Object.values(table)).size).toBe(DARWIN_ELAST);
  });
  it('has the numbers the scenarios meet, as bsd/sys/errno.h defines them', () => {
    const number = (name: string) => Number(Object.entries(table).find(([, n]) => n === name)?.[0]);
    expect([number('EPIPE'), number('EAGAIN'), number('EINPROGRESS'), number('ECONNRESET'), number('ECONNREFUSED'), number('ETIMEDOUT'), number('EOPNOTSUPP')])
      .toEqual([32, 35, 36, 54, 61, 60, 102]);
    expect(darwin.EINPROGRESS).toBe(number('EINPROGRESS'));
  });
  it('uses only names the claim grammar knows', () => {
    expect(Object.values(table).filter((n) => !KNOWN_ERRNO_NAMES.has(n))).toEqual([]);
  });
});

/** One record of a pcblist_n item: its length and kind, then `fill` writes the rest. */
function record(kind: number, length: number, fill: (b: Buffer) => void = () => undefined): Buffer {
  const b = Buffer.alloc(Math.ceil(length / 8) * 8);
  b.writeUInt32LE(length, 0);
  b.writeUInt32LE(kind, 4);
  fill(b);
  return b;
}

/** An xinpgen of 24 bytes (bsd/netinet/in_pcb.h:520-525). */
const xinpgen = () => record(0, 24, (b) => b.writeUInt32LE(2, 4));

/** One PCB's item: xinpcb_n with its ports, xsocket_n, two xsockbuf_n, xsockstat_n, xtcpcb_n with its state. */
function item(lport: number, fport: number, state: number): Buffer {
  return Buffer.concat([
    record(XSO.INPCB, 108, (b) => {
      b.writeUInt16BE(fport, 16);
      b.writeUInt16BE(lport, 18);
    }),
    record(0x1, 100),
    record(0x2, 36),
    record(0x4, 36),
    record(0x8, 172),
    record(XSO.TCPCB, 212, (b) => b.writeInt32LE(state, 36)),
  ]);
}

describe('pcblist_n parser', () => {
  const reply = Buffer.concat([xinpgen(), item(80, 0, 1), item(50000, 80, 4), item(80, 50000, 4), item(50001, 80, 10), xinpgen()]);
  it('finds the state of a connection by its local and remote ports', () => {
    expect(pcblistState(reply, 50000, 80)).toBe(4);
    expect(pcblistState(reply, 80, 50000)).toBe(4);
    expect(pcblistState(reply, 50001, 80)).toBe(10);
    expect(darwin.tcpStates[pcblistState(reply, 50001, 80)!]).toBe('TIME_WAIT');
  });
  it('gives undefined for a connection the kernel does not list, and for a reply in another layout', () => {
    expect(pcblistState(reply, 50002, 80)).toBeUndefined();
    expect(pcblistState(Buffer.concat([xinpgen(), xinpgen()]), 50000, 80)).toBeUndefined();
    const broken = Buffer.from(reply);
    broken.writeUInt32LE(4, 24); // a record shorter than its own header
    expect(pcblistState(broken, 50001, 80)).toBeUndefined();
  });
});

describe('kevent', () => {
  it('writes a struct kevent of 32 bytes (bsd/sys/event.h:94-101) and reads one back', () => {
    const b = keventBytes(13, KQ.EVFILT_SIGNAL, KQ.EV_ADD | KQ.EV_CLEAR);
    expect(b.length).toBe(KEVENT_BYTES);
    expect(b.toString('hex')).toBe('0d00000000000000' + 'faff' + '2100' + '00000000' + '0000000000000000' + '0000000000000000');
    b.writeBigInt64LE(2n, 16);
    expect(parseKevent(b)).toEqual({ ident: 13, filter: -6, flags: 0x21, data: 2 });
  });
});

describe('bindings by platform', () => {
  const linuxOnly = ['setns', 'sigtimedwait', 'renameat2', 'prctl', 'gettid'];
  const bound = (name: string) => {
    const declared: string[] = [];
    bindFor({ name }, { func: (p: string) => declared.push(/\s\**(\w+)\(/.exec(p)![1]) });
    return declared;
  };
  it('never binds a Linux-only function on darwin, and binds darwin\'s own there only', () => {
    expect(bound('darwin').filter((f) => linuxOnly.includes(f))).toEqual([]);
    expect(bound('darwin')).toEqual(expect.arrayContaining(['kqueue', 'kevent', 'sysctlbyname', 'proc_pidinfo', 'poll']));
    expect(bound('linux')).toEqual(expect.arrayContaining(['setns', 'sigtimedwait', 'poll']));
    expect(bound('linux').filter((f) => ['kqueue', 'kevent', 'sysctlbyname', 'proc_pidinfo'].includes(f))).toEqual([]);
  });
  it('binds the common set everywhere; none of it is a Linux-only name', () => {
    const common = Object.values(COMMON).map((p) => /\s\**(\w+)\(/.exec(p)![1]);
    expect(common.filter((f) => linuxOnly.includes(f))).toEqual([]);
    expect(Object.keys(ONLY).sort()).toEqual(['darwin', 'linux']);
  });
  it('thread-call.mjs binds gettid and sigtimedwait only on its Linux path', () => {
    const source = readFileSync(join(projectRoot, 'snippets/lab/thread-call.mjs'), 'utf8');
    const darwinPath = source.slice(source.indexOf('function darwinThread'), source.indexOf('const thread ='));
    expect(darwinPath).not.toMatch(/gettid|sigtimedwait|sigpending/);
  });
});

describe('import safety', () => {
  it('imports the darwin module, the bindings table and the platform table on Linux without loading libSystem', () => {
    // A fresh process, so nothing this test process loaded before counts: koffi.load is watched from the start.
    const script = `
      import koffi from 'koffi';
      const loaded = [];
      const load = koffi.load;
      koffi.load = (name, ...rest) => { loaded.push(name); return load.call(koffi, name, ...rest); };
      const d = await import('./snippets/lab/darwin.ts');
      await import('./snippets/lab/prototypes.ts');
      const p = await import('./snippets/lab/platform.ts');
      await import('./snippets/lab/temp-base.ts');
      console.log(JSON.stringify({ loaded, name: d.default.name, registered: Object.keys(p.platforms) }));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: projectRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ loaded: [], name: 'darwin', registered: ['linux', 'darwin'] });
  });
  it('loads the lab on Linux with libc.so.6 only', () => {
    const script = `
      import koffi from 'koffi';
      const loaded = [];
      const load = koffi.load;
      koffi.load = (name, ...rest) => { loaded.push(name); return load.call(koffi, name, ...rest); };
      await import('./snippets/lab/index.ts');
      console.log(JSON.stringify(loaded));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: projectRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(['libc.so.6']);
  });
});
