// title: B shuts down writing; A reads, then A writes and B reads it; B writes
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
b.shutdown('WR');  //=> linux: 0 · wire: b FIN
a.poll();          //=> linux: IN RDHUP
a.read();          //=> linux: 0 · predict
a.write('hello');  //=> linux: 5 · predict
b.poll();          //=> linux: IN
b.read();          //=> linux: 5
b.write('world');  //=> linux: EPIPE · predict
a.read();          //=> linux: 0 · predict
