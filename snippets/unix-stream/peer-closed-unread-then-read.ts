// title: B closes with A's bytes still unread; then A reads
// reported: darwin — the 2010 Stack Overflow answer this site grew from, Example 1 (OS X, version not stated)
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'stream');
a.write('hello');  //=> linux: 5
b.close();         //=> linux: 0
a.read();          //=> linux: ECONNRESET · darwin: 0 · predict
a.read();          //=> linux: 0 · predict
