// title: B sends hello and ends; A, reading as usual, sees the data, then 'end', then 'close'
import { netPair } from '../lab/node-net.ts';

const [a, b] = await netPair('tcp');
b.write('hello');   //=> linux: true
b.end();            //=> linux: ok
await a.next();     //=> linux: data 5
await a.next();     //=> linux: end · predict
await a.next();     //=> linux: finish
await a.next();     //=> linux: close false · predict
await b.next();     //=> linux: finish
await b.next();     //=> linux: end · predict
await b.next();     //=> linux: close false · predict
