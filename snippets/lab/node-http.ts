// Node's http client and server, for the keep-alive scenarios: requests recorded as what they
// came to (`response 200 new`, `error ECONNRESET reused` with "socket hang up" as the data), a
// server on 127.0.0.1, and the agent's pooled socket for the kernel to be asked about.
import http from 'node:http';
import type net from 'node:net';
import { recorder } from './recorder.ts';
import { errorOutcome, KernelView, listening, released, NodeSocket } from './node-net.ts';
import { WAIT_MS } from './socket.ts';

/** An HTTP server on 127.0.0.1, port 0, answering every request `200 ok`; closed at the end of the run. */
export async function httpServer(options: http.ServerOptions = {}): Promise<http.Server & { url: string }> {
  const server = http.createServer(options, (_req, res) => res.end('ok'));
  const ready = await listening(server, 'tcp');
  return Object.assign(ready, { url: `http://${ready.where}/` });
}

/** Per run: the agents and sockets its requests used, destroyed and awaited at the end of the run. */
const used = new WeakMap<object, { agents: Set<http.Agent>; sockets: Set<net.Socket> }>();

function track(agent: http.Agent, socket: net.Socket): void {
  const run = recorder();
  let mine = used.get(run);
  if (!mine) {
    const all = { agents: new Set<http.Agent>(), sockets: new Set<net.Socket>() };
    used.set(run, all);
    mine = all;
    run.onDispose(async () => {
      for (const a of all.agents) a.destroy();
      for (const s of all.sockets) await released(s);
    });
  }
  mine.agents.add(agent);
  mine.sockets.add(socket);
}

/** A request's outcome: the response's status, or the error, and whether the socket was reused. */
function request(url: string, agent: http.Agent) {
  return new Promise<{ result: string; data?: string; sigpipe: boolean }>((resolve) => {
    const timer = setTimeout(() => finish({ result: 'none', sigpipe: false }), WAIT_MS);
    let detach = () => {};
    const finish = (out: { result: string; data?: string; sigpipe: boolean }) => {
      clearTimeout(timer);
      detach(); // a shared agent (http.globalAgent) would otherwise gather a listener per request
      resolve(out);
    };
    const req = http.get(url, { agent });
    const how = () => (req.reusedSocket ? 'reused' : 'new');
    req.on('socket', (s: net.Socket) => {
      track(agent, s.unref());
      recorder().watch(new KernelView(s));   // beside the request: the connection it went on
    });
    req.on('error', (e) => {
      const out = errorOutcome(e);
      finish({ ...out, result: `${out.result} ${how()}` });
    });
    req.on('response', (res) => {
      res.resume();
      const socket = req.socket!;
      // Done once the body is read and the socket is back in the agent's pool (or closed).
      let pooled = !(agent as { keepAlive?: boolean }).keepAlive;
      let ended = false;
      const check = () => pooled && ended && finish({ result: `response ${res.statusCode} ${how()}`, sigpipe: false });
      const free = (s: net.Socket) => {
        if (s !== socket) return;
        pooled = true;
        check();
      };
      agent.on('free', free);
      detach = () => agent.off('free', free);
      socket.once('close', () => free(socket));
      res.on('end', () => {
        ended = true;
        check();
      });
    });
  });
}

/**
 * http.get(url, { agent }), recorded as `response <status> new|reused` or `error <code> new|reused`
 * (`reused`: the agent sent it on a kept-alive socket); `a` is then the connection it went on. Waits until the response has been read and
 * its socket handed back to the agent, at most WAIT_MS.
 */
export function get(url: string, agent: http.Agent): Promise<string> {
  return recorder().recordAsync({ method: 'get', kind: 'request', on: 'a' }, () => request(url, agent)) as Promise<string>;
}

/** The one socket the agent keeps for reuse; throws if it keeps none (or several). */
export function pooledSocket(agent: http.Agent): net.Socket {
  const pool = Object.values(agent.freeSockets).flat();
  if (pool.length !== 1) throw new Error(`the agent keeps ${pool.length} sockets for reuse, not one`);
  return pool[0] as net.Socket;
}

/** Records a pooled socket's events (not its data: the agent's parser reads that) and watches it. */
export function watchPooled(agent: http.Agent): NodeSocket {
  const s = new NodeSocket(pooledSocket(agent), false);
  recorder().watch(s);
  return s;
}

/**
 * The idle timeout, in ms, that the agent set on the one socket it keeps (0: none), recorded: Node's
 * own decision, read from the socket's documented `timeout` (what `socket.setTimeout()` last set).
 */
export function idleTimeout(agent: http.Agent): number {
  const socket = pooledSocket(agent);
  return recorder().record({ method: 'idleTimeout', kind: 'option', on: socket }, () => ({ result: socket.timeout ?? 0, sigpipe: false })) as number;
}
