// title: B closes, nothing pending either way; A writes
// reported: darwin — the 2010 Stack Overflow answer this site grew from ("EPIPE, on all OSes"; OS X, version not stated)
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'stream');
b.close();         //=> linux: 0
a.write('foo');    //=> linux: EPIPE · darwin: EPIPE · predict
a.write('foo');    //=> linux: EPIPE · predict
