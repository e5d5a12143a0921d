// title: A connected and sent data but was never accepted; the listener closes
import { tcpListener, tcpSocket } from '../lab/index.ts';

const a = tcpSocket();
const server = tcpListener();
a.connect(server.port);   //=> linux: EINPROGRESS
a.poll('OUT');            //=> linux: OUT
a.write('hello');         //=> linux: 5
server.close();           //=> linux: 0 · wire: b RST
a.poll();                 //=> linux: IN ERR HUP RDHUP
a.read();                 //=> linux: ECONNRESET · predict
a.read();                 //=> linux: 0 · predict
