// title: resetAndDestroy(): a RST over TCP; on a Unix socket it throws, and destroy() is an orderly close
import { netPair } from '../lab/node-net.ts';

{
  const [a, b] = await netPair('tcp');
  b.resetAndDestroy();   //=> linux: ok · wire: b RST
  await b.next();        //=> linux: close false · predict
  await a.next();        //=> linux: error ECONNRESET · predict
  await a.next();        //=> linux: close true · predict
}
{
  const [a, b] = await netPair('unix');
  b.resetAndDestroy();   //=> linux: throws ERR_INVALID_HANDLE_TYPE
  b.destroy();           //=> linux: ok
  await a.next();        //=> linux: end · predict
  await a.next();        //=> linux: finish
  await a.next();        //=> linux: close false · predict
}
