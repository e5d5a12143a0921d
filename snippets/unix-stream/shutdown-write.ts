// title: B shuts down writing; A reads, then A writes and B reads it; B writes
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'stream');
b.shutdown('WR');  //=> linux: 0
a.poll();          //=> linux: IN RDHUP
a.read();          //=> linux: 0 · predict
a.write('hello');  //=> linux: 5 · predict
b.read();          //=> linux: 5
b.write('world');  //=> linux: EPIPE · predict
