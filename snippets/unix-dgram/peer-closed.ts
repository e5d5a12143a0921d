// title: B closes; A reads, then sends twice
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'dgram');
b.close();         //=> linux: 0
a.poll('IN', 20);  //=> linux: 0
a.read();          //=> linux: EAGAIN · predict
a.write('hello');  //=> linux: ECONNREFUSED · predict
a.write('hello');  //=> linux: ENOTCONN · predict
a.read();          //=> linux: EAGAIN · predict
