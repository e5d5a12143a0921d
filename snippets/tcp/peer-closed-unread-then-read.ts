// title: B closes with A's bytes still unread; then A reads (TCP)
// reported: darwin — read from the XNU source (xnu-11417.101.15), not observed: tcp_disconnect() in bsd/netinet/tcp_usrreq.c resets when unread data is dropped (lines 3155–3157); soreceive() in bsd/kern/uipc_socket.c reports so_error before end of file (lines 3535–3543)
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
a.write('hello');  //=> linux: 5
b.poll();          //=> linux: IN
b.close();         //=> linux: 0 · wire: b RST
a.poll();          //=> linux: IN ERR HUP RDHUP
a.read();          //=> linux: ECONNRESET · darwin: ECONNRESET · predict
a.read();          //=> linux: 0 · darwin: 0 · predict
