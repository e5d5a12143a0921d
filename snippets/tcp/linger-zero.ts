// title: B sets SO_LINGER {on, 0} and closes; A reads, writes
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
b.linger(0);       //=> linux: 0
b.close();         //=> linux: 0 · wire: b RST
a.poll();          //=> linux: IN ERR HUP RDHUP
a.read();          //=> linux: ECONNRESET · predict
a.read();          //=> linux: 0 · predict
a.write('hello');  //=> linux: EPIPE · predict
