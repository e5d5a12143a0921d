// title: B sets SO_LINGER {on, 1 s} and closes while its data cannot drain: close() waits, then returns 0
// slow: close() waits for its one-second linger timer
import { elapsedSeconds, startClock, tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair({ sndbuf: 200000, rcvbuf: 4096 });
b.write('x'.repeat(100000));  //=> linux: 100000
b.linger(1);                  //=> linux: 0
const started = startClock();
b.close();                    //=> linux: 0 · wire: none
elapsedSeconds(started);      //=> linux: 1
a.readToEnd();                //=> linux: 100000
a.read();                     //=> linux: 0 · predict
