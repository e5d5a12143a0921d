// title: A peeks at a Unix stream socket whose peer closed with A's bytes unread: the peek takes the error
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'stream');
a.write('hello');        //=> linux: 5
b.close();               //=> linux: 0
a.poll();                //=> linux: IN ERR HUP RDHUP
a.recv(1, 'PEEK');       //=> linux: ECONNRESET · predict
a.soError();             //=> linux: 0 · predict
a.recv(1, 'PEEK');       //=> linux: 0 · predict
a.read();                //=> linux: 0 · predict
