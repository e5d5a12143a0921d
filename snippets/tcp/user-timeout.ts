// title: TCP_USER_TIMEOUT with unacknowledged data to a peer that went silent
// slow: waits about half a second for the kernel to give up
// repetitions: 3
import { namespacedTcpPair, silence } from '../lab/index.ts';

const [a, b] = namespacedTcpPair();
a.setsockopt('TCP_USER_TIMEOUT', 500);  //=> linux: 0
silence(b);                             //=> linux: 0
a.write('hello');                       //=> linux: 5 · wire: a 5 · predict
a.poll(4000);                           //=> linux: IN ERR HUP RDHUP · wire: none
a.read();                               //=> linux: ETIMEDOUT · predict
a.read();                               //=> linux: 0 · predict
a.write('again');                       //=> linux: EPIPE · predict
