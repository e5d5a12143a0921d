// title: B closes with A's bytes still unread; then A reads (TCP)
// reported: darwin — the 2010 Stack Overflow answer this site grew from, Example 2 (OS X, version not stated)
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
a.write('hello');  //=> linux: 5
b.poll();          //=> linux: IN
b.close();         //=> linux: 0 · wire: b RST
a.poll();          //=> linux: IN ERR HUP RDHUP
a.read();          //=> linux: ECONNRESET · darwin: 0
a.read();          //=> linux: 0
