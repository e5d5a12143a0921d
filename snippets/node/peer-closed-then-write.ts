// title: B closes; A writes: by default Node has already ended A (EPIPE from Node itself); with allowHalfOpen, the kernel answers, over TCP and over a Unix path
import { netPair, poll } from '../lab/node-net.ts';

{
  const [a, b] = await netPair('tcp');
  b.destroy();        //=> linux: ok
  await a.next();     //=> linux: end
  a.write('x');       //=> linux: false
  await a.next();     //=> linux: error EPIPE
  await a.next();     //=> linux: close true
}
{
  const [a, b] = await netPair('tcp', { allowHalfOpen: true });
  b.destroy();        //=> linux: ok
  await a.next();     //=> linux: end
  a.write('x');       //=> linux: true
  poll(a, 'ERR');     //=> linux: ERR HUP
  a.write('y');       //=> linux: false
  await a.next();     //=> linux: error EPIPE
  await a.next();     //=> linux: close true
}
{
  const [a, b] = await netPair('unix', { allowHalfOpen: true });
  b.destroy();        //=> linux: ok
  await a.next();     //=> linux: end
  a.write('x');       //=> linux: false
  await a.next();     //=> linux: error EPIPE
  await a.next();     //=> linux: close true
}
