// title: B closes with A's bytes still unread; then A writes again
// reported: darwin — the 2010 Stack Overflow answer this site grew from, Example 3 (OS X, version not stated)
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'stream');
a.write('hello');  //=> linux: 5
b.close();         //=> linux: 0
a.write('world');  //=> linux: EPIPE · darwin: EPIPE · predict
a.read();          //=> linux: ECONNRESET · predict
