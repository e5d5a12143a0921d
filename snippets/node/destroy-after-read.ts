// title: B's Node has already read A's bytes when B is destroyed: an orderly close, no reset, over TCP and over a Unix path
import { netPair } from '../lab/node-net.ts';

{
  const [a, b] = await netPair('tcp');
  a.write('hello');    //=> linux: true
  await b.next();      //=> linux: data 5
  b.destroy();         //=> linux: ok · wire: b FIN
  await a.next();      //=> linux: end · predict
  await a.next();      //=> linux: finish
  await a.next();      //=> linux: close false · predict
}
{
  const [a, b] = await netPair('unix');
  a.write('hello');    //=> linux: true · predict
  await b.next();      //=> linux: data 5
  b.destroy();         //=> linux: ok
  await a.next();      //=> linux: end · predict
  await a.next();      //=> linux: finish
  await a.next();      //=> linux: close false · predict
}
