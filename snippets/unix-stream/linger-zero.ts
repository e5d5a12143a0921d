// title: B sets SO_LINGER {on, 0} and closes; A reads, then writes
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'stream');
b.linger(0);       //=> linux: 0
b.close();         //=> linux: 0
a.poll();          //=> linux: IN HUP RDHUP
a.read();          //=> linux: 0 · predict
a.write('hello');  //=> linux: EPIPE · predict
