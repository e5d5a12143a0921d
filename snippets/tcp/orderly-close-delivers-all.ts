// title: B queues 200 kB that A has not read yet, then closes in order: A still reads every byte, then 0
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair({ sndbuf: 200000, rcvbuf: 4096 });
b.write('x'.repeat(200000));  //=> linux: 200000
b.close();                    //=> linux: 0 · wire: none
a.readToEnd();                //=> linux: 200000
a.read();                     //=> linux: 0 · predict
