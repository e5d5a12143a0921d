// title: B closes, nothing pending; A reads, twice
import { tcpPair } from '../lab/index.ts';

const [a, b] = tcpPair();
a.poll('OUT');     //=> linux: OUT
b.close();         //=> linux: 0 · wire: b FIN
a.poll();          //=> linux: IN RDHUP
a.read();          //=> linux: 0 · predict
a.read();          //=> linux: 0 · predict
a.close();         //=> linux: 0
