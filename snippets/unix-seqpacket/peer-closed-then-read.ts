// title: B closes, nothing pending either way; A reads
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'seqpacket');
b.close();         //=> linux: 0
a.poll();          //=> linux: IN HUP RDHUP
a.read();          //=> linux: 0 · predict
a.read();          //=> linux: 0 · predict
