// title: B closes, nothing pending; A writes twice, then reads
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
b.close();         //=> linux: 0
a.poll();          //=> linux: IN RDHUP
a.write('foo');    //=> linux: 3 · wire: a 3, b RST · predict
a.poll('ERR');     //=> linux: ERR HUP
a.write('foo');    //=> linux: EPIPE · predict
a.read();          //=> linux: 0 · predict
