// title: Connect to a Unix name where nobody accepts: missing, stale, not listening, not a socket, wrong type, full
// reported: darwin — read from the XNU source (xnu-11417.101.15), not observed: unp_connect() in bsd/kern/uipc_usrreq.c fails with ENOTSOCK when the path is not a socket (lines 1331–1332), before it checks write permission (vnode_authorize(), line 1345) or looks for a socket bound there
import {
  abstractName, missingPath, regularFilePath, staleSocketPath, unixBoundOnly, unixListener, unixSocket,
} from '../lab/index.ts';

const a = unixSocket('stream');
a.connect(missingPath());                        //=> linux: ENOENT · predict
a.connect(staleSocketPath('stream'));            //=> linux: ECONNREFUSED · predict
a.connect(unixBoundOnly('stream').path);         //=> linux: ECONNREFUSED · predict
a.connect(regularFilePath());                    //=> linux: ECONNREFUSED · darwin: ENOTSOCK · predict
a.connect(unixBoundOnly('dgram').path);          //=> linux: EPROTOTYPE · predict
a.connect(abstractName());                       //=> linux: ECONNREFUSED · predict
a.connect(unixBoundOnly('dgram', 'abstract').path);  //=> linux: ECONNREFUSED · predict
const server = unixListener('stream', 0);
const first = unixSocket('stream');
first.connect(server.path);                      //=> linux: 0
a.connect(server.path);                          //=> linux: EAGAIN · predict
a.poll('OUT', 20);                               //=> linux: OUT HUP
