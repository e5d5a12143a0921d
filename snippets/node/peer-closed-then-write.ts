// title: B closes; A writes: by default Node has already ended A (EPIPE from Node itself); with allowHalfOpen, the kernel answers, over TCP and over a Unix path
import { netPair, poll } from '../lab/node-net.ts';

{
  const [a, b] = await netPair('tcp');
  b.destroy();        //=> linux: ok
  await a.next();     //=> linux: end · predict
  a.write('x');       //=> linux: false · predict
  await a.next();     //=> linux: error EPIPE · predict
  await a.next();     //=> linux: close true · predict
}
{
  const [a, b] = await netPair('tcp', { allowHalfOpen: true });
  b.destroy();        //=> linux: ok
  await a.next();     //=> linux: end · predict
  a.write('x');       //=> linux: true · predict
  poll(a, 'ERR');     //=> linux: ERR HUP
  a.write('y');       //=> linux: false · predict
  await a.next();     //=> linux: error EPIPE · predict
  await a.next();     //=> linux: close true · predict
}
{
  const [a, b] = await netPair('unix', { allowHalfOpen: true });
  b.destroy();        //=> linux: ok
  await a.next();     //=> linux: end · predict
  a.write('x');       //=> linux: false · predict
  await a.next();     //=> linux: error EPIPE · predict
  await a.next();     //=> linux: close true · predict
}
