// UDP sockets on 127.0.0.1: one to send from, and a port where nobody listens, for what a
// connected datagram socket hears back (an ICMP "port unreachable", as ECONNREFUSED).
import * as libc from './libc.ts';
import { currentPlatform } from './platform.ts';
import { recorder } from './recorder.ts';
import { must, Socket } from './socket.ts';

const platform = currentPlatform();

/** An unbound, unconnected UDP socket; the first socket a run makes this way is the one watched. */
export function udpSocket(): Socket {
  const s = new Socket(must(libc.openSocket(platform.af.INET, platform.sock.DGRAM), 'socket(udp)'), 'udp');
  recorder().watch(s, undefined, false);
  return s;
}

/**
 * A 127.0.0.1 UDP port nobody listens on: one the kernel just handed out (bind to port 0) and that
 * was given back at once (close). Not recorded: a setup step.
 */
export function unusedUdpPort(): number {
  const fd = must(libc.openSocket(platform.af.INET, platform.sock.DGRAM), 'socket(udp)');
  try {
    must(libc.bind(fd, platform.sockaddrIn('127.0.0.1', 0)), 'bind(127.0.0.1:0)');
    return platform.portOf(libc.getsockname(fd).addr);
  } finally {
    libc.close(fd);
  }
}
