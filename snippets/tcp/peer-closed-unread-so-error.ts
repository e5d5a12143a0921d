// title: B closes with A's bytes unread; A asks SO_ERROR before anything else
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
a.write('hello');  //=> linux: 5
b.poll();          //=> linux: IN
b.close();         //=> linux: 0
a.poll();          //=> linux: IN ERR HUP RDHUP
a.soError();       //=> linux: ECONNRESET · predict
a.soError();       //=> linux: 0 · predict
a.read();          //=> linux: 0 · predict
a.write('again');  //=> linux: EPIPE · predict
