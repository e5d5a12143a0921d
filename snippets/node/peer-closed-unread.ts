// title: A's bytes wait unread in B's kernel (pauseOnConnect); B is destroyed; A sees the reset, over TCP and over a Unix path
import { netPair, poll } from '../lab/node-net.ts';

{
  const [a, b] = await netPair('tcp', { pauseOnConnect: true });
  a.write('hello');    //=> linux: true
  poll(b);             //=> linux: IN
  b.destroy();         //=> linux: ok · wire: b RST
  await a.next();      //=> linux: error ECONNRESET · predict
  await a.next();      //=> linux: close true · predict
  await b.next();      //=> linux: close false · predict
}
{
  const [a, b] = await netPair('unix', { pauseOnConnect: true });
  a.write('hello');    //=> linux: true · predict
  poll(b);             //=> linux: IN
  b.destroy();         //=> linux: ok
  await a.next();      //=> linux: error ECONNRESET · predict
  await a.next();      //=> linux: close true · predict
  await b.next();      //=> linux: close false · predict
}
