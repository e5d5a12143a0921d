// title: B's machine reboots: its connection is gone without a FIN or a RST; A writes, then reads
import { namespacedTcpPair, reboot } from '../lab/index.ts';

const [a, b] = namespacedTcpPair();
reboot(b);               //=> linux: 0 · wire: none
a.poll(20);              //=> linux: 0
a.write('hello');        //=> linux: 5 · wire: a 5, b RST
a.poll();                //=> linux: IN ERR HUP RDHUP
a.read();                //=> linux: ECONNRESET · predict
a.read();                //=> linux: 0 · predict
a.write('again');        //=> linux: EPIPE · predict
