// title: B closes with A's bytes still unread; then A writes again (TCP)
// reported: darwin — read from the XNU source (xnu-11417.101.15), not observed: sosendcheck() in bsd/kern/uipc_socket.c tests SS_CANTSENDMORE (line 2032, EPIPE at 2045) before so_error (line 2047), and the reset has set SS_CANTSENDMORE (soisdisconnected() in bsd/kern/uipc_socket2.c, line 279)
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
a.write('hello');  //=> linux: 5
b.poll();          //=> linux: IN
b.close();         //=> linux: 0
a.poll();          //=> linux: IN ERR HUP RDHUP
a.write('world');  //=> linux: ECONNRESET · darwin: EPIPE · predict
a.write('world');  //=> linux: EPIPE · darwin: EPIPE · predict
