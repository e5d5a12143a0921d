// title: A's write waits for room (B's receive queue is full) when B closes without reading; a write started after the close
import { secondThread, tcpPair } from '../lab/index.ts';

{
  // A write is blocked, in a thread of its own, when B closes.
  const [a, b] = tcpPair({ sndbuf: 16384, rcvbuf: 16384 });
  const writer = await secondThread();
  a.writeUntilFull();                              //=> linux: EAGAIN
  writer.write(a, 'hello');                        //=> linux: BLOCKED
  b.close();                                       //=> linux: 0
  await writer.result();                           //=> linux: ECONNRESET · predict
  a.write('hello');                                //=> linux: EPIPE · predict
  a.read();                                        //=> linux: 0 · predict
}
{
  // Nothing is blocked when B closes; A's next write starts after it.
  const [a, b] = tcpPair({ sndbuf: 16384, rcvbuf: 16384 });
  a.writeUntilFull();                              //=> linux: EAGAIN
  b.close();                                       //=> linux: 0
  a.poll();                                        //=> linux: IN ERR HUP RDHUP
  a.write('hello');                                //=> linux: ECONNRESET · predict
  a.write('hello');                                //=> linux: EPIPE · predict
  a.read();                                        //=> linux: 0 · predict
}
