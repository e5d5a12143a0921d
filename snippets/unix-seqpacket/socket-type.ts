// title: Asking the kernel for a Unix seqpacket socket: Linux makes one; macOS has no such type
// reported: darwin — read from the XNU source (xnu-11417.101.15), not observed: localsw[] in bsd/kern/uipc_proto.c lists only SOCK_STREAM and SOCK_DGRAM for AF_UNIX (lines 83–106), so pffindtype() in bsd/kern/uipc_domain.c finds no SOCK_SEQPACKET (line 787) and socreate_internal() in bsd/kern/uipc_socket.c returns EPROTONOSUPPORT (line 660); socketpair() makes its sockets with socreate() too (bsd/kern/uipc_syscalls.c)
import { canMakeSocket } from '../lab/index.ts';

canMakeSocket('seqpacket');   //=> linux: 0 · darwin: EPROTONOSUPPORT
canMakeSocket('stream');      //=> linux: 0 · darwin: 0
canMakeSocket('dgram');       //=> linux: 0 · darwin: 0
