// title: B sends "world", then resets (resetAndDestroy) before A has read it: A gets the 'data' first, then 'error' ECONNRESET
import { netPair, poll } from '../lab/node-net.ts';

const [a, b] = await netPair('tcp');
b.write('world');        //=> linux: true · wire: b 5
b.resetAndDestroy();     //=> linux: ok · wire: b RST
poll(a);                 //=> linux: IN ERR HUP RDHUP
await a.next();          //=> linux: data 5 · predict
await a.next();          //=> linux: error ECONNRESET · predict
await a.next();          //=> linux: close true
