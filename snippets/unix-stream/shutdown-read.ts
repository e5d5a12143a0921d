// title: B shuts down reading with A's bytes queued; B reads; A writes; B writes
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'stream');
a.write('hello');  //=> linux: 5
b.shutdown('RD');  //=> linux: 0
b.read();          //=> linux: 5
b.read();          //=> linux: 0 · predict
a.write('world');  //=> linux: EPIPE · predict
a.read();          //=> linux: EAGAIN · predict
b.write('world');  //=> linux: 5 · predict
a.read();          //=> linux: 5
