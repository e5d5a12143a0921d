// title: A ends, then writes: Node refuses the write itself, before any system call
import { netPair } from '../lab/node-net.ts';

const [a, b] = await netPair('tcp');
a.end();            //=> linux: ok
a.write('x');       //=> linux: false · predict
await a.next();     //=> linux: error ERR_STREAM_WRITE_AFTER_END · predict
await a.next();     //=> linux: close true · predict
await b.next();     //=> linux: end · predict
