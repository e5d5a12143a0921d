// title: Connect to a Unix name where nobody accepts: missing, stale, not listening, not a socket, wrong type, full
import {
  abstractName, missingPath, regularFilePath, staleSocketPath, unixBoundOnly, unixListener, unixSocket,
} from '../lab/index.ts';

const a = unixSocket('stream');
a.connect(missingPath());                        //=> linux: ENOENT · predict
a.connect(staleSocketPath('stream'));            //=> linux: ECONNREFUSED · predict
a.connect(unixBoundOnly('stream').path);         //=> linux: ECONNREFUSED · predict
a.connect(regularFilePath());                    //=> linux: ECONNREFUSED · predict
a.connect(unixBoundOnly('dgram').path);          //=> linux: EPROTOTYPE · predict
a.connect(abstractName());                       //=> linux: ECONNREFUSED · predict
a.connect(unixBoundOnly('dgram', 'abstract').path);  //=> linux: ECONNREFUSED · predict
const server = unixListener('stream', 0);
const first = unixSocket('stream');
first.connect(server.path);                      //=> linux: 0
a.connect(server.path);                          //=> linux: EAGAIN · predict
a.poll('OUT', 20);                               //=> linux: OUT HUP
