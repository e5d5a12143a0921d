// title: B closes with a large unsent queue and unread data; how much reaches A
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair({ sndbuf: 65536, rcvbuf: 65536 });
a.write('hello');  //=> linux: 5
b.poll();          //=> linux: IN
b.fill();          //=> linux: 196608
b.close();         //=> linux: 0
a.poll();          //=> linux: IN ERR HUP RDHUP
a.drain();         //=> linux: 112949
a.read();          //=> linux: ECONNRESET
