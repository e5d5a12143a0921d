// title: B has unread data and shuts down both ways, without close(); A reads, writes; B reads
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
a.write('hello');    //=> linux: 5
b.poll();            //=> linux: IN
b.shutdown('RDWR');  //=> linux: 0
a.poll();            //=> linux: IN RDHUP
a.read();            //=> linux: 0 · predict
a.write('more');     //=> linux: 4 · predict
a.poll('ERR');       //=> linux: ERR HUP
a.read();            //=> linux: 0 · predict
a.write('more');     //=> linux: EPIPE · predict
b.read();            //=> linux: 5
b.read();            //=> linux: ECONNRESET · predict
