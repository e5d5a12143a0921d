// title: The write that fails with EPIPE: with default SIGPIPE handling, and with MSG_NOSIGNAL
import { tcpPair, writeFromChild } from '../lab/index.ts';

const [a, b] = tcpPair();
b.linger(0);                     //=> linux: 0
b.close();                       //=> linux: 0
a.poll();                        //=> linux: IN ERR HUP RDHUP
a.write('x');                    //=> linux: ECONNRESET · predict
a.write('x');                    //=> linux: EPIPE · predict
a.send('x', 'NOSIGNAL');         //=> linux: EPIPE · predict
await writeFromChild(a, 'x');    //=> linux: SIGPIPE · predict
