// title: ETIMEDOUT in a Node.js program: its bytes go unacknowledged to a silent peer until the kernel gives up (tcp_retries2 set to 0, in the lab's private namespace only)
// slow: waits about a second for the kernel's retransmission timer to give up
// repetitions: 3
import { namespacedNetPair, namespaceSysctl, silence } from '../lab/node-netns.ts';

const [a, b] = await namespacedNetPair();
namespaceSysctl(b, 'net.ipv4.tcp_retries2', 0);   //=> linux: 0
silence(b);                    //=> linux: 0
a.write('hello');              //=> linux: true · wire: a 5
await a.next();                //=> linux: error ETIMEDOUT · predict
await a.next();                //=> linux: close true · predict
