// title: B shuts down reading; what A sees, what B's reads return before and after A writes
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
b.shutdown('RD');  //=> linux: 0 · wire: none
b.read();          //=> linux: 0 · predict
a.read();          //=> linux: EAGAIN · predict
a.write('hello');  //=> linux: 5 · predict
b.poll();          //=> linux: IN RDHUP
b.read();          //=> linux: 5
b.read();          //=> linux: 0 · predict
b.write('world');  //=> linux: 5 · predict
a.poll();          //=> linux: IN
a.read();          //=> linux: 5
