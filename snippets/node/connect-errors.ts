// title: net.connect() to a port nobody listens on, to a missing Unix path, to a regular file
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tcpBoundOnly } from '../lab/index.ts';
import { connect, privateDir } from '../lab/node-net.ts';

const nobody = tcpBoundOnly();   // holds a port, never calls listen()
const dir = privateDir();
writeFileSync(join(dir, 'file'), 'not a socket');
{
  const a = connect({ port: nobody.port });
  await a.next();   //=> linux: error ECONNREFUSED · predict
  await a.next();   //=> linux: close true · predict
}
{
  const a = connect({ path: join(dir, 'nobody') });
  await a.next();   //=> linux: error ENOENT · predict
  await a.next();   //=> linux: close true · predict
}
{
  const a = connect({ path: join(dir, 'file') });
  await a.next();   //=> linux: error ECONNREFUSED · predict
  await a.next();   //=> linux: close true · predict
}
