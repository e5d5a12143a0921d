// title: A's write waits for room when B shuts down reading, or when another thread shuts down A's writing
import { secondThread, socketpair } from '../lab/index.ts';

{
  // B shuts down reading (and keeps its socket) while A's write waits for room.
  const [a, b] = socketpair('unix', 'stream');
  const writer = await secondThread();
  a.writeUntilFull();                              //=> linux: EAGAIN
  writer.write(a, 'hello');                        //=> linux: BLOCKED
  b.shutdown('RD');                                //=> linux: 0
  await writer.result();                           //=> linux: EPIPE · predict
  a.write('hello');                                //=> linux: EPIPE · predict
}
{
  // This thread shuts down A's writing while A's write waits, in the other thread.
  const [a, b] = socketpair('unix', 'stream');
  const writer = await secondThread();
  a.writeUntilFull();                              //=> linux: EAGAIN
  writer.write(a, 'hello');                        //=> linux: BLOCKED
  a.shutdown('WR');                                //=> linux: 0
  await writer.result();                           //=> linux: EPIPE · predict
  a.write('hello');                                //=> linux: EPIPE · predict
}
