// What snippets import. Each scenario reads like the system calls it makes.
export { socketpair, tcpBoundOnly, tcpListener, tcpPair, tcpSocket, unixPathPair, type Listener } from './pairs.ts';
export { Socket, type Transport } from './socket.ts';
export { holdInChild, writeFromChild, type Child } from './child.ts';
export { recvInThread, secondThread, type RecvThread, type SecondThread } from './thread.ts';
export {
  abstractName, canMakeSocket, missingPath, regularFilePath, staleSocketPath, unixBoundOnly, unixListener, unixSocket, type UnixSocketAt,
} from './unix.ts';
export { namespacedTcpPair, reboot, silence } from './netns.ts';
export { elapsedSeconds, startClock } from './clock.ts';
export { udpSocket, unusedUdpPort } from './udp.ts';
export { chmod, connectAs } from './users.ts';
