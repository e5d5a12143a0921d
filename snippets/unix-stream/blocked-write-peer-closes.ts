// title: A's write waits for room in B's full queue when B closes without reading; a write started after the close
import { secondThread, socketpair } from '../lab/index.ts';

{
  // A write is blocked, in a thread of its own, when B closes.
  const [a, b] = socketpair('unix', 'stream');
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
  const [a, b] = socketpair('unix', 'stream');
  a.writeUntilFull();                              //=> linux: EAGAIN
  b.close();                                       //=> linux: 0
  a.write('hello');                                //=> linux: EPIPE · predict
  a.read();                                        //=> linux: ECONNRESET · predict
  a.read();                                        //=> linux: 0 · predict
}
