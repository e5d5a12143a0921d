// title: A connects and resets before the server accepts; the server accepts all the same
import { tcpListener, tcpSocket } from '../lab/index.ts';

{
  // A sent "hello" before its reset.
  const a = tcpSocket();
  const server = tcpListener();
  a.connect(server.port);        //=> linux: EINPROGRESS
  a.poll('OUT');                 //=> linux: OUT
  a.write('hello');              //=> linux: 5
  a.linger(0);                   //=> linux: 0
  a.close();                     //=> linux: 0 · wire: a RST
  const b = server.accept();     //=> linux: ok
  b.poll('RDHUP');               //=> linux: ERR HUP RDHUP
  b.read();                      //=> linux: 5
  b.read();                      //=> linux: ECONNRESET · predict
  b.read();                      //=> linux: 0 · predict
  b.write('world');              //=> linux: EPIPE · predict
}
{
  // A sent nothing.
  const a = tcpSocket();
  const server = tcpListener();
  a.connect(server.port);        //=> linux: EINPROGRESS
  a.poll('OUT');                 //=> linux: OUT
  a.linger(0);                   //=> linux: 0
  a.close();                     //=> linux: 0 · wire: a RST
  const b = server.accept();     //=> linux: ok
  b.poll();                      //=> linux: IN ERR HUP RDHUP
  b.read();                      //=> linux: ECONNRESET · predict
  b.read();                      //=> linux: 0 · predict
}
