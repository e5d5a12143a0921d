// title: B sends "world", then resets (resetAndDestroy) before A has read it: A gets the 'data' first, then 'error' ECONNRESET (on Node 22, 'end' instead: the reset is lost)
// node: uv151 = <24 — libuv 1.51.0 (in every Node 22 release tested here) takes a POLLHUP after a short read for end of file, before reading again; libuv 1.52.0 reads on instead: "unix: fix partial read handling after POLLHUP" (libuv/libuv#4997, commit 2e2114ed8), libuv 1.52.1 in Node 24 and 26
import { netPair, poll } from '../lab/node-net.ts';

const [a, b] = await netPair('tcp');
b.write('world');        //=> linux: true · wire: b 5
b.resetAndDestroy();     //=> linux: ok · wire: b RST
poll(a);                 //=> linux: IN ERR HUP RDHUP
await a.next();          //=> linux: data 5 · predict
await a.next();          //=> linux: error ECONNRESET · linux uv151: end · predict
await a.next();          //=> linux: close true · linux uv151: finish
