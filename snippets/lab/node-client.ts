// The client side of an HTTP request that fails: a server that never answers, closes, or resets
// the connection on receiving a request, and requests made the ways programs make them (http.get
// with a timeout that destroys the request, with an AbortSignal, and fetch), each recorded as what
// it came to, with the error a program would log as the data.
import http from 'node:http';
import type net from 'node:net';
import { listening, released, scrub } from './node-net.ts';
import { recorder, type Outcome } from './recorder.ts';
import { WAIT_MS } from './socket.ts';

/** What the server does with a request, by its path: answer, never answer, close (FIN) or reset (RST). */
export type Answer = 'ok' | 'never' | 'closes' | 'resets';

/** An HTTP server on 127.0.0.1 that does, for `/<answer>`, what the path says; closed at the end of the run. */
export async function httpServerThat(): Promise<http.Server & { url: (answer: Answer) => string }> {
  const server = http.createServer((req, res) => {
    const answer = req.url?.slice(1) as Answer;
    if (answer === 'never') return;
    if (answer === 'closes') return void req.socket.destroy();
    if (answer === 'resets') return void req.socket.resetAndDestroy();
    res.end('ok');
  });
  const ready = await listening(server, 'tcp');
  return Object.assign(ready, { url: (answer: Answer) => `http://${ready.where}/${answer}` });
}

/** The line a program logs for an error: its name and message, and its cause's, as `console.log` would lead with them. */
export function loggedAs(e: unknown): string {
  const err = e as Error & { cause?: Error & { code?: unknown } };
  const cause = err.cause instanceof Error ? ` (cause: ${err.cause.name}: ${err.cause.message})` : '';
  return scrub(`${err.name}: ${err.message}${cause}`);
}

/** The code that tells an error apart: the cause's code (fetch), else the error's own, else its name (a DOMException). */
function codeOf(e: unknown): string {
  const err = e as { code?: unknown; name?: string; cause?: { code?: unknown } };
  if (typeof err.cause?.code === 'string') return err.cause.code;
  if (typeof err.code === 'string') return err.code;
  return err.name ?? 'Error';
}

/** Settles, at most WAIT_MS later, with `none` if nothing happened. */
function bounded(start: (finish: (out: Outcome) => void) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ result: 'none', sigpipe: false }), WAIT_MS);
    start((out) => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

/** How a request gives up: a timeout that destroys it (`req.setTimeout(ms, () => req.destroy())`), or an AbortSignal. */
export type GiveUp = { destroyAfterMs: number } | { signal: AbortSignal };

/**
 * http.get(url) without an agent, recorded as `response <status>` or `error <code>`, the message
 * as the data; `giveUp` adds a timeout the ways programs write one.
 */
export function request(url: string, giveUp?: GiveUp): Promise<string> {
  return recorder().recordAsync({ method: 'request', kind: 'request' }, () =>
    bounded((finish) => {
      const req = http.get(url, { agent: false, ...(giveUp && 'signal' in giveUp ? { signal: giveUp.signal } : {}) });
      if (giveUp && 'destroyAfterMs' in giveUp) req.setTimeout(giveUp.destroyAfterMs, () => req.destroy());
      req.on('socket', (s: net.Socket) => {
        s.unref();
        recorder().onDispose(() => released(s));
      });
      req.on('error', (e) => finish({ result: `error ${codeOf(e)}`, data: loggedAs(e), sigpipe: false }));
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => finish({ result: `response ${res.statusCode}`, sigpipe: false }));
      });
    }),
  ) as Promise<string>;
}

/**
 * Where Node's fetch keeps its dispatcher (undici's global Agent): `undici.globalDispatcher.2` in
 * newer releases (with `.1` kept for older undici copies, as the Agent itself or a wrapper around
 * it), `.1` alone in older ones.
 */
const DISPATCHERS = [Symbol.for('undici.globalDispatcher.2'), Symbol.for('undici.globalDispatcher.1')];
type Dispatcher = { destroy(): Promise<void>; constructor: new (...args: unknown[]) => Dispatcher };

/** Destroys the connections fetch kept alive, by putting a fresh Agent (and wrapper) in place of the used one. */
async function dropFetchConnections(): Promise<void> {
  const g = globalThis as unknown as Record<symbol, Dispatcher | undefined>;
  const [current, legacy] = DISPATCHERS.map((sym) => g[sym]);
  const used = current ?? legacy;
  if (!used) return;
  const fresh = new used.constructor();
  if (current) {
    g[DISPATCHERS[0]] = fresh;
    if (legacy) g[DISPATCHERS[1]] = legacy === current ? fresh : new legacy.constructor(fresh);
  } else g[DISPATCHERS[1]] = fresh;
  await used.destroy();
}

/** The runs that used fetch, whose kept connections go at their end. */
const fetched = new WeakSet<object>();

/**
 * fetch(url), recorded as `response <status>`, or `rejected <code>` (the cause's code, as a program
 * finds it in `err.cause.code`) with the logged error as the data. At the end of the run the
 * connections fetch kept alive are destroyed (its dispatcher is replaced by a fresh one).
 */
export function fetchFrom(url: string, signal?: AbortSignal): Promise<string> {
  const run = recorder();
  if (!fetched.has(run)) {
    fetched.add(run);
    run.onDispose(dropFetchConnections);
  }
  return run.recordAsync({ method: 'fetchFrom', kind: 'request' }, () =>
    bounded((finish) => {
      fetch(url, signal ? { signal } : {}).then(
        async (res) => {
          await res.text();
          finish({ result: `response ${res.status}`, sigpipe: false });
        },
        (e: unknown) => finish({ result: `rejected ${codeOf(e)}`, data: loggedAs(e), sigpipe: false }),
      );
    }),
  ) as Promise<string>;
}
