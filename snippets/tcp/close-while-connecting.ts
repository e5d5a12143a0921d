// title: A closes while its connect is still in progress: what goes on the wire
import { tcpListener, tcpSocket } from '../lab/index.ts';

// The listener's accept queue is full, so A's SYN waits unanswered.
const a = tcpSocket();
const server = tcpListener(0);
const first = tcpSocket();
first.connect(server.port);   //=> linux: EINPROGRESS
first.poll('OUT');            //=> linux: OUT
a.connect(server.port);       //=> linux: EINPROGRESS · wire: a SYN
a.poll('OUT', 20);            //=> linux: 0
a.close();                    //=> linux: 0 · wire: none
