// title: A's write waits for room when B shuts down reading, or when another thread shuts down A's writing
import { secondThread, tcpPair } from '../lab/index.ts';

{
  // B shuts down reading (and keeps its socket) while A's write waits for room.
  const [a, b] = tcpPair({ sndbuf: 16384, rcvbuf: 16384 });
  const writer = await secondThread();
  a.writeUntilFull();                              //=> linux: EAGAIN
  writer.write(a, 'hello');                        //=> linux: BLOCKED
  b.shutdown('RD');                                //=> linux: 0 · wire: none
  writer.state();                                  //=> linux: BLOCKED
  b.close();                                       //=> linux: 0
  await writer.result();                           //=> linux: ECONNRESET · predict
}
{
  // This thread shuts down A's writing while A's write waits, in the other thread.
  const [a, b] = tcpPair({ sndbuf: 16384, rcvbuf: 16384 });
  const writer = await secondThread();
  a.writeUntilFull();                              //=> linux: EAGAIN
  writer.write(a, 'hello');                        //=> linux: BLOCKED
  a.shutdown('WR');                                //=> linux: 0
  await writer.result();                           //=> linux: EPIPE · predict
  a.write('hello');                                //=> linux: EPIPE · predict
}
