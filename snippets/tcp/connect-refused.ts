// title: Connect to a loopback port nobody listens on
import { tcpBoundOnly, tcpSocket } from '../lab/index.ts';

const a = tcpSocket();
const nobody = tcpBoundOnly();   // holds a port, never calls listen()
a.connect(nobody.port);   //=> linux: EINPROGRESS · wire: a SYN, b RST
a.poll('OUT');            //=> linux: OUT ERR HUP
a.connect(nobody.port);   //=> linux: ECONNREFUSED · wire: none · predict
a.connect(nobody.port);   //=> linux: EINPROGRESS
a.poll('OUT');            //=> linux: OUT ERR HUP
a.soError();              //=> linux: ECONNREFUSED · predict
a.connect(nobody.port);   //=> linux: ECONNABORTED · predict
