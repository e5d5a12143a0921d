// title: B closes with a large unsent queue and unread data; how much reaches A
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
a.write('hello');  //=> linux: 5
b.poll();          //=> linux: IN
b.fill();          //=> linux: 3910656
b.close();         //=> linux: 0
a.poll();          //=> linux: IN ERR HUP RDHUP
a.drain();         //=> linux: 113152
a.read();          //=> linux: ECONNRESET
