// title: B closes, nothing pending either way; A reads
// reported: darwin — the 2010 Stack Overflow answer this site grew from ("0 bytes, on all OSes"; OS X, version not stated)
import { socketpair } from '../lab/index.ts';

const [a, b] = socketpair('unix', 'stream');
b.close();         //=> linux: 0
a.read();          //=> linux: 0 · darwin: 0 · predict
a.read();          //=> linux: 0 · predict
