// title: Both sides hold an unread message from the other; B closes; A reads until done
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'seqpacket');
a.write('hello');  //=> linux: 5
b.write('world');  //=> linux: 5
b.close();         //=> linux: 0
a.poll();          //=> linux: IN ERR HUP RDHUP
a.read();          //=> linux: ECONNRESET · predict
a.read();          //=> linux: 5
a.read();          //=> linux: 0 · predict
