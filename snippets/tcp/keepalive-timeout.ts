// title: Keepalive on an idle connection to a peer that went silent
// slow: waits about two seconds for the kernel to give up
// repetitions: 2
import { namespacedTcpPair, silence } from '../lab/index.ts';

const [a, b] = namespacedTcpPair();
a.setsockopt('SO_KEEPALIVE', 1);        //=> linux: 0
a.setsockopt('TCP_KEEPIDLE', 1);        //=> linux: 0
a.setsockopt('TCP_KEEPINTVL', 1);       //=> linux: 0
a.setsockopt('TCP_KEEPCNT', 1);         //=> linux: 0
silence(b);                             //=> linux: 0
a.poll(4000);                           //=> linux: IN ERR HUP RDHUP · wire: a RST
a.read();                               //=> linux: ETIMEDOUT · predict
a.read();                               //=> linux: 0 · predict
