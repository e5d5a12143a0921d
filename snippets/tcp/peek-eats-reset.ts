// title: A peeks at a connection that was reset: the peek takes the error, and the next read sees a clean end of file
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
a.write('hello');        //=> linux: 5
b.poll();                //=> linux: IN
b.close();               //=> linux: 0 · wire: b RST
a.poll();                //=> linux: IN ERR HUP RDHUP
a.recv(1, 'PEEK');       //=> linux: ECONNRESET · predict
a.soError();             //=> linux: 0 · predict
a.recv(1, 'PEEK');       //=> linux: 0 · predict
a.read();                //=> linux: 0 · predict
