// What snippets import. Each scenario reads like the system calls it makes.
export { socketpair, tcpBoundOnly, tcpListener, tcpPair, tcpSocket, unixPathPair, type Listener } from './pairs.ts';
export { Socket, type Transport } from './socket.ts';
export { holdInChild, writeFromChild, type Child } from './child.ts';
export { recvInThread, type RecvThread } from './thread.ts';
export { namespacedTcpPair, silence } from './netns.ts';
