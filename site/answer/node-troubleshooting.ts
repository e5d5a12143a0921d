// "Node.js in production": the messages a Node program logs when a connection ends badly, each
// taken from the call of a checked scenario that produced it on this build (never typed), with
// what it means and what to do (written by hand). Pure: NodeTroubleshooting.astro renders it.
import type { Observations } from '../../observe/schema.ts';
import { scenarioHref } from './links.ts';
import { decisiveCall } from './matrix.ts';
import type { Decisive } from './matrix-rows.ts';

/** One message: where it comes from, what to do, and the call that showed it. */
export interface TroubleDef {
  /** Which client, and what happened, in plain words. */
  when: string;
  /** What a program (or its operator) should do (inline Markdown). */
  todo: string;
  evidence: Decisive;
}

/** The messages, the most common first. */
export const TROUBLES: TroubleDef[] = [
  {
    when: '`http.get()`, and the server (or a balancer) closed the connection before answering',
    todo: 'If the request went out on a kept-alive connection (`req.reusedSocket`), the server never saw it: retry once if it is safe to repeat. Otherwise find out why the server closed.',
    evidence: { id: 'node/client-peer-closed', call: "await request(server.url('closes'))" },
  },
  {
    when: '`http.get()` on a kept-alive connection the server closed just as the request left',
    todo: 'The keep-alive race: give the agent a `timeout` shorter than the server\'s idle timeout, and retry once on `req.reusedSocket`.',
    evidence: { id: 'node/http-keepalive-crossing', call: 'const request = get(server.url, agent)' },
  },
  {
    when: 'your own timeout, written as `req.setTimeout(ms, () => req.destroy())`',
    todo: 'Nothing came from the server: this is your timeout. Say so: `req.destroy(new Error(\'timed out\'))`, or pass `signal: AbortSignal.timeout(ms)`.',
    evidence: { id: 'node/client-timeout', call: "await request(server.url('never'), { destroyAfterMs: 50 })" },
  },
  {
    when: '`http.get()` with `signal: AbortSignal.timeout(ms)`',
    todo: 'Your timeout, and it says so: the cause names the timeout.',
    evidence: { id: 'node/client-timeout', call: "await request(server.url('never'), { signal: AbortSignal.timeout(50) })" },
  },
  {
    when: '`http.get()`, and the server reset the connection (RST)',
    todo: 'The server closed with your request unread, or was killed, or reset on purpose. Whether it acted on the request is unknown: retry only what is safe to repeat.',
    evidence: { id: 'node/client-peer-closed', call: "await request(server.url('resets'))" },
  },
  {
    when: '`fetch()`, and the server closed the connection before answering',
    todo: 'The same as `socket hang up`, in undici\'s words. Log `err.cause`: `fetch failed` alone says nothing.',
    evidence: { id: 'node/client-peer-closed', call: "await fetchFrom(server.url('closes'))" },
  },
  {
    when: '`fetch()`, and the server reset the connection',
    todo: 'The same as `read ECONNRESET`; the reason is in `err.cause`.',
    evidence: { id: 'node/client-peer-closed', call: "await fetchFrom(server.url('resets'))" },
  },
  {
    when: '`fetch()` with `signal: AbortSignal.timeout(ms)`',
    todo: 'Your own timeout.',
    evidence: { id: 'node/client-timeout', call: "await fetchFrom(server.url('never'), AbortSignal.timeout(50))" },
  },
];

/** One row as shown: the message and the code observed, and where the block is. */
export interface TroubleRow extends TroubleDef {
  /** The message the program logged, as observed (the error's text, with its cause). */
  message?: string;
  /** What the call came to: `error ECONNRESET`, `rejected UND_ERR_SOCKET`. */
  result?: string;
  href?: string;
}

/** The rows, each with what its scenario's call gave on this build; a row whose call was not observed has no message. */
export function troubleRows(observed: Observations, home: Map<string, string>, defs = TROUBLES): TroubleRow[] {
  return defs.map((d) => {
    const record = observed.scenarios.find((s) => s.id === d.evidence.id);
    const call = record && !record.skipped ? decisiveCall(record, d.evidence) : undefined;
    return {
      ...d,
      ...(call ? { result: String(call.result), ...(call.data !== undefined ? { message: String(call.data) } : {}) } : {}),
      href: scenarioHref(d.evidence.id, home),
    };
  });
}
