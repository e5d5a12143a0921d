// title: B closes with A's message still unread; then A reads
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'seqpacket');
a.write('hello');  //=> linux: 5
b.close();         //=> linux: 0
a.poll();          //=> linux: IN ERR HUP RDHUP
a.read();          //=> linux: ECONNRESET · predict
a.read();          //=> linux: 0 · predict
