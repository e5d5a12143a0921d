// title: A user without write permission on the socket file connects: EACCES (the docker.sock case)
import { chmod, connectAs, unixListener, unixSocket } from '../lab/index.ts';

const a = unixSocket('stream');
const server = unixListener('stream');
chmod(server.path, 0o660);                 //=> linux: 0
a.connect(server.path);                    //=> linux: 0
await connectAs('nobody', server.path);    //=> linux: EACCES · predict
chmod(server.path, 0o666);                 //=> linux: 0
await connectAs('nobody', server.path);    //=> linux: 0
