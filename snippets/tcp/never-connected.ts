// title: Calls on a TCP socket that never connected, and on one whose connection was reset
import { tcpPair, tcpSocket } from '../lab/index.ts';

{
  // A never connected: there is no peer to write to, read from, or shut down.
  const a = tcpSocket();
  a.write('hello');         //=> linux: EPIPE · predict
  a.read();                 //=> linux: ENOTCONN · predict
  a.shutdown('WR');         //=> linux: ENOTCONN · predict
}
{
  // B resets the connection; A shuts down before it reads.
  const [a, b] = tcpPair();
  b.linger(0);              //=> linux: 0
  b.close();                //=> linux: 0 · wire: b RST
  a.poll();                 //=> linux: IN ERR HUP RDHUP
  a.shutdown('RDWR');       //=> linux: ENOTCONN · predict
  a.read();                 //=> linux: ECONNRESET · predict
  a.shutdown('RDWR');       //=> linux: ENOTCONN · predict
}
