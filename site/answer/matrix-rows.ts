// The rows of the answer matrix: each situation, and for each transport the scenario that shows it
// and the call whose result decides it (by its code, as written in the snippet; `nth` when the
// same code appears more than once). Only this mapping is typed here: every value in the matrix
// comes from the observations. A scenario named here that was not observed yet shows as such; a
// transport a row does not name shows that no scenario covers it; `na` says why it cannot apply.

/** A column of the matrix. */
export interface Transport {
  key: string;
  label: string;
}

/** The transports, in column order. */
export const TRANSPORTS: Transport[] = [
  { key: 'tcp', label: 'TCP' },
  { key: 'udp', label: 'UDP' },
  { key: 'unix-stream', label: 'Unix stream' },
  { key: 'unix-seqpacket', label: 'Unix seqpacket' },
  { key: 'unix-dgram', label: 'Unix datagram' },
  { key: 'node', label: 'Node.js net' },
];

/** Which call of which scenario decides a cell. */
export interface Decisive {
  id: string;
  /** The call's code, exactly as the snippet line has it (without the claim and the semicolon). */
  call: string;
  /** Which occurrence of that code, from 1 (default). */
  nth?: number;
}

/** A transport where the situation cannot happen, and why. */
export interface NotApplicable {
  na: string;
}

/** One situation. */
export interface MatrixRowDef {
  key: string;
  situation: string;
  /** One of the six cases of the original question. */
  question?: boolean;
  cells: Partial<Record<string, Decisive | NotApplicable>>;
}

const next = 'await a.next()';

/** The Unix transports, where both ends live in one kernel: a peer cannot go silent or reboot alone. */
const inOneKernel = {
  'unix-stream': { na: 'both ends are in one kernel: a Unix peer cannot go silent' },
  'unix-seqpacket': { na: 'both ends are in one kernel' },
  'unix-dgram': { na: 'both ends are in one kernel' },
};

/** The situations, the six cases of the question first. */
export const MATRIX_ROWS: MatrixRowDef[] = [
  {
    key: 'closed-read',
    situation: 'B closes, nothing unread; A reads',
    question: true,
    cells: {
      tcp: { id: 'tcp/peer-closed-then-read', call: 'a.read()' },
      'unix-stream': { id: 'unix-stream/peer-closed-then-read', call: 'a.read()' },
      'unix-seqpacket': { id: 'unix-seqpacket/peer-closed-then-read', call: 'a.read()' },
      'unix-dgram': { id: 'unix-dgram/peer-closed', call: 'a.read()' },
      node: { id: 'node/peer-closed-then-read', call: next, nth: 2 },
    },
  },
  {
    key: 'closed-write',
    situation: 'B closes, nothing unread; A writes',
    question: true,
    cells: {
      tcp: { id: 'tcp/peer-closed-then-write', call: "a.write('foo')" },
      'unix-stream': { id: 'unix-stream/peer-closed-then-write', call: "a.write('foo')" },
      'unix-seqpacket': { id: 'unix-seqpacket/peer-closed-then-write', call: "a.write('foo')" },
      'unix-dgram': { id: 'unix-dgram/peer-closed', call: "a.write('hello')" },
      node: { id: 'node/peer-closed-then-write', call: next, nth: 2 },
    },
  },
  {
    key: 'closed-write-again',
    situation: '… and A writes a second time',
    cells: {
      tcp: { id: 'tcp/peer-closed-then-write', call: "a.write('foo')", nth: 2 },
      'unix-stream': { id: 'unix-stream/peer-closed-then-write', call: "a.write('foo')", nth: 2 },
      'unix-seqpacket': { id: 'unix-seqpacket/peer-closed-then-write', call: "a.write('foo')", nth: 2 },
      'unix-dgram': { id: 'unix-dgram/peer-closed', call: "a.write('hello')", nth: 2 },
      node: { na: 'Node.js destroys the socket after its first error' },
    },
  },
  {
    key: 'unread-read',
    situation: "B closes with A's bytes unread; A reads",
    question: true,
    cells: {
      tcp: { id: 'tcp/peer-closed-unread-then-read', call: 'a.read()' },
      'unix-stream': { id: 'unix-stream/peer-closed-unread-then-read', call: 'a.read()' },
      'unix-seqpacket': { id: 'unix-seqpacket/peer-closed-unread-then-read', call: 'a.read()' },
      node: { id: 'node/peer-closed-unread', call: next },
    },
  },
  {
    key: 'unread-write',
    situation: "B closes with A's bytes unread; A writes",
    question: true,
    cells: {
      tcp: { id: 'tcp/peer-closed-unread-then-write', call: "a.write('world')" },
      'unix-stream': { id: 'unix-stream/peer-closed-unread-then-write', call: "a.write('world')" },
      'unix-seqpacket': { id: 'unix-seqpacket/peer-closed-unread-then-write', call: "a.write('world')" },
    },
  },
  {
    key: 'both-unread',
    situation: "B closes while its bytes wait unread at A; A reads",
    cells: {
      tcp: { id: 'tcp/reset-after-pending-data', call: 'a.read()' },
      'unix-stream': { id: 'unix-stream/reset-after-pending-data', call: 'a.read()' },
      'unix-seqpacket': { id: 'unix-seqpacket/reset-after-pending-data', call: 'a.read()' },
      'unix-dgram': { id: 'unix-dgram/peer-closed-queued-then-read', call: 'a.read()' },
    },
  },
  {
    key: 'linger-zero',
    situation: 'B closes with SO_LINGER 0 (or a reset), nothing unread; A reads',
    cells: {
      tcp: { id: 'tcp/linger-zero', call: 'a.read()' },
      'unix-stream': { id: 'unix-stream/linger-zero', call: 'a.read()' },
      node: { id: 'node/reset-and-destroy', call: next },
    },
  },
  {
    key: 'killed-unread',
    situation: "B's process is killed with A's bytes unread; A reads",
    cells: {
      tcp: { id: 'tcp/process-exit', call: 'a.read()', nth: 3 },
    },
  },
  {
    key: 'blocked-write',
    situation: "A's write is waiting for room when B closes without reading",
    cells: {
      tcp: { id: 'tcp/blocked-write-peer-closes', call: 'await writer.result()' },
      'unix-stream': { id: 'unix-stream/blocked-write-peer-closes', call: 'await writer.result()' },
    },
  },
  {
    key: 'shutdown-write',
    situation: 'B shuts down writing, keeps its socket; A reads',
    cells: {
      tcp: { id: 'tcp/shutdown-write', call: 'a.read()' },
      'unix-stream': { id: 'unix-stream/shutdown-write', call: 'a.read()' },
    },
  },
  {
    key: 'own-shutdown-write',
    situation: 'A socket writes after shutting down (ending) its own writing',
    cells: {
      tcp: { id: 'tcp/shutdown-write', call: "b.write('world')" },
      'unix-stream': { id: 'unix-stream/shutdown-write', call: "b.write('world')" },
      node: { id: 'node/write-after-end', call: next },
    },
  },
  {
    key: 'listener-closed',
    situation: 'A connected and sent, was never accepted; the listener closes; A reads (seqpacket: writes)',
    cells: {
      tcp: { id: 'tcp/listener-closed-with-pending', call: 'a.read()' },
      'unix-stream': { id: 'unix-stream/listener-closed-with-pending', call: 'a.read()' },
      'unix-seqpacket': { id: 'unix-seqpacket/listener-closed-with-pending', call: "a.write('world')" },
    },
  },
  {
    key: 'refused',
    situation: 'A connects (or sends) where nobody listens',
    cells: {
      tcp: { id: 'tcp/connect-refused', call: 'a.connect(nobody.port)', nth: 2 },
      udp: { id: 'udp/connected-refused', call: 'a.read()' },
      'unix-stream': { id: 'unix-stream/connect-errors', call: "a.connect(unixBoundOnly('stream').path)" },
      'unix-dgram': { id: 'unix-dgram/server-gone', call: "a.sendto('hello', server.path)" },
      node: { id: 'node/connect-errors', call: next },
    },
  },
  {
    key: 'missing-path',
    situation: 'A connects (or sends) to a Unix path that does not exist',
    cells: {
      tcp: { na: 'TCP connects to ports, not paths' },
      'unix-stream': { id: 'unix-stream/connect-errors', call: 'a.connect(missingPath())' },
      'unix-dgram': { id: 'unix-dgram/server-gone', call: "a.sendto('hello', missingPath())" },
      node: { id: 'node/connect-errors', call: next, nth: 3 },
    },
  },
  {
    key: 'queue-full',
    situation: "A connects (non-blocking) to a listener whose accept queue is full",
    cells: {
      tcp: { id: 'tcp/backlog-full', call: 'a.connect(server.port)' },
      'unix-stream': { id: 'unix-stream/connect-errors', call: 'a.connect(server.path)' },
      'unix-dgram': { na: 'datagram sockets have no accept queue' },
    },
  },
  {
    key: 'permission',
    situation: 'A connects to a Unix socket file it may not write to',
    cells: {
      tcp: { na: 'TCP connects to ports, not files' },
      udp: { na: 'UDP sends to ports, not files' },
      'unix-stream': { id: 'unix-stream/connect-permission', call: "await connectAs('nobody', server.path)" },
    },
  },
  {
    key: 'accept-after-reset',
    situation: 'A client resets before the server accepts; the server calls accept()',
    cells: {
      tcp: { id: 'tcp/accept-after-reset', call: 'const b = server.accept()' },
      udp: { na: 'UDP has no connections to accept' },
    },
  },
  {
    key: 'accepted-reset-read',
    situation: '… and reads from the connection it accepted (the client had sent nothing)',
    cells: {
      tcp: { id: 'tcp/accept-after-reset', call: 'b.read()', nth: 4 },
      udp: { na: 'UDP has no connections to accept' },
    },
  },
  {
    key: 'never-connected-write',
    situation: 'A writes on a socket that never connected',
    cells: {
      tcp: { id: 'tcp/never-connected', call: "a.write('hello')" },
    },
  },
  {
    key: 'shutdown-after-reset',
    situation: 'A calls shutdown() after B reset the connection',
    cells: {
      tcp: { id: 'tcp/never-connected', call: "a.shutdown('RDWR')" },
    },
  },
  {
    key: 'peek-reset',
    situation: "B closes with A's bytes unread; A peeks first (MSG_PEEK), then reads",
    cells: {
      tcp: { id: 'tcp/peek-eats-reset', call: 'a.read()' },
      'unix-stream': { id: 'unix-stream/peek-eats-reset', call: 'a.read()' },
    },
  },
  {
    key: 'orderly-queued',
    situation: 'B closes normally with data still queued to send; A reads to the end, then once more',
    cells: {
      tcp: { id: 'tcp/orderly-close-delivers-all', call: 'a.read()' },
    },
  },
  {
    key: 'linger-timeout',
    situation: 'B closes with SO_LINGER on (1 s) and data that cannot drain: what close() returns',
    cells: {
      tcp: { id: 'tcp/linger-timeout', call: 'b.close()' },
    },
  },
  {
    key: 'rebooted-peer',
    situation: "The peer's machine rebooted: its connection is gone, nobody told A; A writes, then reads",
    cells: {
      tcp: { id: 'tcp/peer-rebooted', call: 'a.read()' },
      ...inOneKernel,
    },
  },
  {
    key: 'silent-peer',
    situation: "The peer's machine goes silent while A has unacknowledged data; A reads",
    cells: {
      tcp: { id: 'tcp/user-timeout', call: 'a.read()' },
      ...inOneKernel,
    },
  },
  {
    key: 'idle-silent-peer',
    situation: 'The peer goes silent on an idle connection with keepalive on; A reads',
    cells: {
      tcp: { id: 'tcp/keepalive-timeout', call: 'a.read()' },
      ...inOneKernel,
    },
  },
  {
    key: 'http-keepalive',
    situation: 'An HTTP keep-alive agent reuses a connection the server has just closed',
    cells: {
      node: { id: 'node/http-keepalive-reset', call: 'await get(server.url, agent)', nth: 2 },
    },
  },
  {
    key: 'http-keepalive-crossing',
    situation: "An HTTP keep-alive agent sends a request just as the server closes the idle connection",
    cells: {
      node: { id: 'node/http-keepalive-crossing', call: 'const request = get(server.url, agent)' },
    },
  },
  {
    key: 'own-timeout',
    situation: "A client's own request timeout destroys the request (req.setTimeout() + req.destroy())",
    cells: {
      node: { id: 'node/client-timeout', call: "await request(server.url('never'), { destroyAfterMs: 50 })" },
    },
  },
  {
    key: 'fetch-closed',
    situation: 'The server closes the connection instead of answering; the client used fetch',
    cells: {
      node: { id: 'node/client-peer-closed', call: "await fetchFrom(server.url('closes'))" },
    },
  },
];
