// title: Both sides hold unread data from the other; B closes; A reads until done
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
a.write('hello');  //=> linux: 5
b.write('world');  //=> linux: 5
b.poll();          //=> linux: IN
b.close();         //=> linux: 0
a.poll();          //=> linux: IN ERR HUP RDHUP
a.read();          //=> linux: 5
a.read();          //=> linux: ECONNRESET · predict
a.read();          //=> linux: 0 · predict
