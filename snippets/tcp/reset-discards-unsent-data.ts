// title: B closes with a large unsent queue and unread data; how much reaches A
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair({ sndbuf: 262144, rcvbuf: 4096 });
a.write('hello');           //=> linux: 5
b.poll();                   //=> linux: IN
b.write('x'.repeat(100000)); //=> linux: 100000
b.close();                  //=> linux: 0
a.poll();                   //=> linux: IN ERR HUP RDHUP
a.drain();                  //=> linux: 4096
a.read();                   //=> linux: ECONNRESET · predict
