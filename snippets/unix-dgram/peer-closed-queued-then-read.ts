// title: B sent two datagrams A has not read, then closed; A reads
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'dgram');
b.write('one');    //=> linux: 3
b.write('two');    //=> linux: 3
b.close();         //=> linux: 0
a.read();          //=> linux: 3
a.read();          //=> linux: 3
a.read();          //=> linux: EAGAIN · predict
