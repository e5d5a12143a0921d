// title: A connected UDP socket sends to a port where nobody listens: the refusal comes back on the next call
import { udpSocket, unusedUdpPort } from '../lab/index.ts';

const a = udpSocket();
a.connect(unusedUdpPort());   //=> linux: 0
a.write('hello');             //=> linux: 5
a.poll();                     //=> linux: ERR
a.read();                     //=> linux: ECONNREFUSED · predict
a.read();                     //=> linux: EAGAIN · predict
a.write('again');             //=> linux: 5
a.poll();                     //=> linux: ERR
a.write('more');              //=> linux: ECONNREFUSED · predict
a.write('more');              //=> linux: 4
