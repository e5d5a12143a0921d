// title: B is destroyed with A's bytes unread (a reset), then A writes: in the same tick the write meets ECONNRESET; once the event loop has turned, a read met it first
import { netPair, poll } from '../lab/node-net.ts';

{
  const [a, b] = await netPair('tcp', { pauseOnConnect: true });
  a.write('hello');    //=> linux: true
  poll(b);             //=> linux: IN
  b.destroy();         //=> linux: ok · wire: b RST
  a.write('world');    //=> linux: false · predict
  await a.next();      //=> linux: error ECONNRESET · predict
  await a.next();      //=> linux: close true
}
{
  const [a, b] = await netPair('tcp', { pauseOnConnect: true });
  a.write('hello');    //=> linux: true
  poll(b);             //=> linux: IN
  b.destroy();         //=> linux: ok · wire: b RST
  await a.next();      //=> linux: error ECONNRESET · predict
  await a.next();      //=> linux: close true
  a.write('world');    //=> linux: false · predict
}
