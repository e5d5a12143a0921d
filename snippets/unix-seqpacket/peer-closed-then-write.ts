// title: B closes, nothing pending either way; A writes (and does it raise SIGPIPE?)
import { socketpair, writeFromChild } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'seqpacket');
b.close();                     //=> linux: 0
a.write('foo');                //=> linux: EPIPE · predict
a.write('foo');                //=> linux: EPIPE · predict
await writeFromChild(a, 'x');  //=> linux: 1
