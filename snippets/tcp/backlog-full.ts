// title: Connect to a listener whose accept queue is full; A gives up and closes
import { tcpListener, tcpSocket } from '../lab/index.ts';

const a = tcpSocket();
const server = tcpListener(0);
const first = tcpSocket();
first.connect(server.port);   //=> linux: EINPROGRESS
first.poll('OUT');            //=> linux: OUT
a.connect(server.port);       //=> linux: EINPROGRESS · wire: a SYN
a.poll('OUT', 20);            //=> linux: 0
a.write('hello');             //=> linux: EAGAIN · predict
a.read();                     //=> linux: EAGAIN · predict
a.close();                    //=> linux: 0 · wire: none
