// title: B's process exits, or is killed, instead of calling close(); a child shares the fd
import { holdInChild, tcpPair } from '../lab/index.ts';

{
  // B is shared with a child process; we close our copy, then the child exits.
  const [a, b] = tcpPair();
  const child = holdInChild(b);
  b.close();            //=> linux: 0 · wire: none
  a.read();             //=> linux: EAGAIN · predict
  await child.exit();   //=> linux: 0 · wire: b FIN
  a.poll();             //=> linux: IN RDHUP
  a.read();             //=> linux: 0 · predict
}
{
  // The same, but A's bytes sit unread when the child is killed.
  const [a, b] = tcpPair();
  const child = holdInChild(b);
  b.close();            //=> linux: 0
  a.write('hello');     //=> linux: 5 · predict
  await child.kill();   //=> linux: SIGKILL · wire: b RST
  a.poll();             //=> linux: IN ERR HUP RDHUP
  a.read();             //=> linux: ECONNRESET · predict
}
