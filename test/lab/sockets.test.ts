// The lab against the real kernel, in this process: a socketpair is enough to check the bindings.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  abstractName, regularFilePath, secondThread, socketpair, staleSocketPath, unixBoundOnly, unixListener, unixPathPair, unixSocket,
} from '../../snippets/lab/index.ts';
import { errnoName } from '../../snippets/lab/libc.ts';
import { currentPlatform } from '../../snippets/lab/platform.ts';
import { installRecorder, type Recorder } from '../../snippets/lab/recorder.ts';
import { pollNames, pollResult } from '../../snippets/lab/socket.ts';

let r: Recorder | undefined;
afterEach(() => r?.dispose());

describe('platform constants', () => {
  it("names errno values as Node's own table does, and an unknown one by its number", () => {
    const known = Object.entries(constants.errno).filter(([name]) => Object.values(currentPlatform().errnoNames).includes(name));
    expect(known.map(([name]) => name)).toEqual(expect.arrayContaining(['ECONNRESET', 'EPIPE', 'EAGAIN', 'ETIMEDOUT']));
    for (const [name, n] of known) expect([n, errnoName(n)]).toEqual([n, name]);
    const unknown = Math.max(...Object.keys(currentPlatform().errnoNames).map(Number)) + 1;
    expect(errnoName(unknown)).toBe(`errno ${unknown}`);
  });
  it("shows what poll(2) returned the same way for every poll the lab offers: the events, 0 when it timed out, or the errno", () => {
    const p = currentPlatform();
    expect(pollResult({ ret: 0, revents: 0 })).toBe(0);
    expect(pollResult({ ret: 1, revents: p.poll.IN | p.poll.HUP })).toBe('IN HUP');
    expect(pollResult({ ret: -1, errno: constants.errno.EINTR, revents: 0 })).toBe('EINTR');
  });
  it('names poll flags in a fixed order', () => {
    const p = currentPlatform().poll;
    expect(pollNames(p.RDHUP | p.IN | p.HUP)).toEqual(['IN', 'HUP', 'RDHUP']);
  });
});

describe('socket calls', () => {
  it('a read that would block returns EAGAIN instead of hanging', () => {
    r = installRecorder();
    const [a] = socketpair('unix', 'stream');
    expect(a.read()).toBe('EAGAIN');
  });
  it('records each call with its line, its result and the poll flags after it', () => {
    r = installRecorder();
    const [a, b] = socketpair('unix', 'stream');
    expect(a.write('hi')).toBe(2);
    expect(b.read()).toBe(2);
    expect(r!.calls.map((c) => [c.code, c.result, c.data])).toEqual([
      ["expect(a.write('hi')).toBe(2)", 2, undefined],
      ['expect(b.read()).toBe(2)', 2, 'hi'],
    ]);
    expect(r!.calls[0].poll).toEqual(['OUT']);
    expect(r!.calls[0].peer?.poll).toEqual(['IN', 'OUT']);
  });
  it('sees SIGPIPE raised by a write, and only once', () => {
    r = installRecorder();
    const [a, b] = socketpair('unix', 'stream');
    b.close();
    expect(a.write('x')).toBe('EPIPE');
    expect(a.send('x', 'NOSIGNAL')).toBe('EPIPE');
    expect(r!.calls.map((c) => c.sigpipe)).toEqual([false, true, false]);
  });
  it('closes what a run left open', () => {
    r = installRecorder();
    const fds = currentPlatform().openFds().length;
    socketpair('unix', 'dgram');
    expect(currentPlatform().openFds().length).toBe(fds + 2);
    r!.dispose();
    expect(currentPlatform().openFds().length).toBe(fds);
  });
});

describe('what the lab records a call as', () => {
  it("records each call's kind and socket from the method that made it, whatever the variables are called", async () => {
    r = installRecorder();
    const [server, reader] = socketpair('unix', 'stream');
    const writer = await secondThread();
    const listening = unixListener('stream');
    const other = unixSocket('stream');
    reader.write('x');
    server.recv(1, 'PEEK');
    server.drain();
    server.poll('OUT', 0);
    server.soError();
    reader.shutdown('WR');
    writer.write(server, 'y');
    await writer.result();
    other.connect(listening.path);
    listening.close();
    reader.close();
    expect(r.calls.map((c) => [c.kind, c.socket])).toEqual([
      ['write', 'b'], ['recv', 'a'], ['read', 'a'], ['poll', 'a'], ['soerror', 'a'], ['shutdown', 'b'],
      ['write', 'a'], ['write', 'a'], ['connect', 'other'], ['close', 'server'], ['close', 'b'],
    ]);
  });
});

describe('Unix sockets at a path', () => {
  it('connect through a socket file in a private directory that goes away with the run', async () => {
    r = installRecorder();
    const [a, b] = unixPathPair('stream');
    expect(a.write('hi')).toBe(2);
    expect(b.read()).toBe(2);
    const dirs = readdirSync(tmpdir()).filter((d) => d.startsWith('closing-time-'));
    const ours = dirs.filter((d) => existsSync(join(tmpdir(), d, 'socket')));
    expect(ours).toHaveLength(1);
    await r.dispose();
    expect(existsSync(join(tmpdir(), ours[0]))).toBe(false);
  });
});

describe('Unix sockets by name', () => {
  it('leave a stale socket file, a regular file and bound sockets in one private directory, all gone after the run', async () => {
    r = installRecorder();
    const fds = currentPlatform().openFds().length;
    const stale = staleSocketPath('stream');
    const file = regularFilePath();
    const bound = unixBoundOnly('dgram');
    expect(lstatSync(stale).isSocket()).toBe(true);
    expect(lstatSync(file).isFile()).toBe(true);
    expect(dirname(stale)).toBe(dirname(file));
    expect(dirname(bound.path)).toBe(dirname(file));
    await r.dispose();
    expect(existsSync(dirname(file))).toBe(false);
    expect(currentPlatform().openFds().length).toBe(fds);
  });
  it('connect to a listener by path at once, and to a free abstract name not at all', () => {
    r = installRecorder();
    const a = unixSocket('stream');
    expect(a.connect(abstractName())).toBe('ECONNREFUSED');
    expect(a.connect(unixListener('stream').path)).toBe(0);
  });
});

describe('the second thread', () => {
  it('blocks in write() until the peer closes, and reports what write() returned there', async () => {
    r = installRecorder();
    const [a, b] = socketpair('unix', 'stream');
    const writer = await secondThread();
    expect(a.writeUntilFull()).toBe('EAGAIN');
    expect(writer.write(a, 'x')).toBe('BLOCKED');
    expect(writer.state()).toBe('BLOCKED');
    expect(b.close()).toBe(0);
    expect(await writer.result()).toBe('ECONNRESET');
    expect(a.write('x')).toBe('EPIPE');
  });
  it('reports SIGPIPE raised by its write, in that thread', async () => {
    r = installRecorder();
    const [a, b] = socketpair('unix', 'stream');
    b.close();
    const writer = await secondThread();
    expect(writer.write(a, 'x')).toBe('EPIPE');
    expect(await writer.result()).toBe('EPIPE');
    expect(r.calls.at(-1)?.sigpipe).toBe(true);
  });
});
