// title: B never reads; A keeps sending without blocking until its send buffer is used up
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'dgram');
a.setsockopt('SO_SNDBUF', 4096);   //=> linux: 0
const datagram = 'x'.repeat(3000);
a.write(datagram);                 //=> linux: 3000
a.write(datagram);                 //=> linux: 3000
a.write(datagram);                 //=> linux: EAGAIN · predict
a.poll('OUT', 20);                 //=> linux: 0
b.drain();                         //=> linux: 6000
a.poll('OUT');                     //=> linux: OUT
a.write(datagram);                 //=> linux: 3000
