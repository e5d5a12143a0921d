// title: B closes with A's message still unread; then A writes again
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'seqpacket');
a.write('hello');  //=> linux: 5
b.close();         //=> linux: 0
a.write('world');  //=> linux: ECONNRESET · predict
a.write('world');  //=> linux: EPIPE · predict
a.read();          //=> linux: 0 · predict
