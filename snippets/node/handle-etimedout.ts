// title: Handling a silent peer: 'timeout' is only a notice; destroy the socket with your own ETIMEDOUT
import { netPair } from '../lab/node-net.ts';

const [a, b] = await netPair('tcp');   // B will never send anything
a.setTimeout(50);                //=> linux: ok
await a.next();                  //=> linux: timeout · predict
a.destroy(Object.assign(new Error('no answer within 50 ms'), { code: 'ETIMEDOUT' }));   //=> linux: ok
await a.next();                  //=> linux: error ETIMEDOUT · predict
await a.next();                  //=> linux: close true · predict
await b.next();                  //=> linux: end · predict
