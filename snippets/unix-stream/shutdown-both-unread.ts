// title: B has unread data and shuts down both ways (no close); A reads, writes; B reads
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'stream');
a.write('hello');    //=> linux: 5
b.shutdown('RDWR');  //=> linux: 0
a.poll();            //=> linux: IN HUP RDHUP
a.read();            //=> linux: 0 · predict
a.write('world');    //=> linux: EPIPE · predict
b.read();            //=> linux: 5
b.read();            //=> linux: 0 · predict
b.write('world');    //=> linux: EPIPE · predict
