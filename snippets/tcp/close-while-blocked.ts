// title: A thread is blocked in recv() on A when another thread calls close(A), or shutdown(A)
import { recvInThread, tcpPair } from '../lab/index.ts';

{
  // close(): the blocked recv() does not notice; only B's FIN ends it.
  const [a, b] = tcpPair();
  const reader = await recvInThread(a);
  reader.state();        //=> linux: BLOCKED
  a.close();             //=> linux: 0 · wire: none
  reader.state();        //=> linux: BLOCKED
  b.close();             //=> linux: 0
  await reader.result(); //=> linux: 0 · predict
}
{
  // shutdown(): the blocked recv() returns at once.
  const [a, b] = tcpPair();
  const reader = await recvInThread(a);
  reader.state();        //=> linux: BLOCKED
  a.shutdown('RDWR');    //=> linux: 0
  await reader.result(); //=> linux: 0 · predict
  b.poll();              //=> linux: IN RDHUP
  b.read();              //=> linux: 0 · predict
}
