// What each outcome means, in words written by hand: a rule of thumb in plain words, and the
// mechanism with the kernel function and file (or man page, or Node.js source) that produces it.
// No example value is typed here: the examples beside each rule come from the observations
// (outcomes.ts). An outcome found in the observations that has no note here still gets its page,
// with a line saying that its explanation is not written yet.

/** The hand-written words for one outcome. */
export interface OutcomeNote {
  /** How the outcome is named in titles: `read() = 0`, `ECONNRESET`, … */
  title: string;
  /** One line: what a program that got this should conclude. */
  rule: string;
  /** The rule in one short sentence, for the first screen of the home page. */
  short?: string;
  /** How the kernel (or Node.js) comes to say it; names functions and files, or man pages. */
  mechanism: string[];
  /** Part of the short answer on the home page (the other outcomes are "the rest of the family"). */
  main?: boolean;
}

/** The notes, in the order the rules and the index list them. */
export const OUTCOME_NOTES: Record<string, OutcomeNote> = {
  eof: {
    title: 'read() = 0 (end of file)',
    main: true,
    short: 'The peer will send nothing more, and you have everything it sent. It says nothing about what you sent.',
    rule:
      'The peer will send nothing more, and everything it sent before has been delivered to you. It closed, shut down writing, or its process exited with nothing of yours unread. It does not say that what you sent arrived: over TCP a write after the peer\'s close can be accepted and answered with a reset, and your next read still returns 0. You may still be allowed to write. Node.js says it with an \'end\' event.',
    mechanism: [
      'TCP: the peer\'s FIN arrives; `tcp_fin()` in `net/ipv4/tcp_input.c` marks the receive side shut down (`RCV_SHUTDOWN`), and once the data before it has been read, `tcp_recvmsg_locked()` in `net/ipv4/tcp.c` returns 0 ([`read(2)`](https://man7.org/linux/man-pages/man2/read.2.html): "zero indicates end of file").',
      'Unix stream and seqpacket: `unix_release_sock()` and `unix_shutdown()` in `net/unix/af_unix.c` set the peer\'s `sk_shutdown` directly; `unix_stream_read_generic()` returns 0 when the queue is empty and `RCV_SHUTDOWN` is set, after checking for a pending error ("POSIX 1003.1g mandates this order"). For a non-blocking seqpacket socket, `__unix_dgram_recvmsg()` turns `EAGAIN` into 0 once the peer has shut down.',
      'A pending error is reported once; after it, reads return 0 as well.',
      'Node.js: libuv\'s read gets 0 and reports `UV_EOF`; the stream pushes its end and emits \'end\'.',
    ],
  },
  econnreset: {
    title: 'ECONNRESET',
    main: true,
    short: 'The connection was torn down, not closed in order: usually the peer closed with your bytes unread, and they are lost.',
    rule:
      'The connection was torn down rather than closed in order. Most often the peer closed while bytes you had sent were still unread in its buffer, and those bytes are lost. But a reset can also be asked for with nothing unread (SO_LINGER with a zero timeout, Node\'s resetAndDestroy()), so ECONNRESET alone does not prove that data was lost. It is reported once; after it, reads return 0 and writes fail with EPIPE.',
    mechanism: [
      'TCP: the peer\'s kernel sends a RST from `__tcp_close()` in `net/ipv4/tcp.c` when unread data is dropped (RFC 2525 §2.17) or when `SO_LINGER` is on with a zero timeout, and `inet_csk_listen_stop()` resets connections a closing listener never accepted. On arrival, `tcp_reset()` in `net/ipv4/tcp_input.c` stores `ECONNRESET` as the pending error (except in `CLOSE_WAIT`, where it stores `EPIPE`), and the next call that checks takes it (`sock_error()` in `include/net/sock.h`).',
      'Unix stream and seqpacket: no packet is involved. `unix_release_sock()` in `net/unix/af_unix.c` sets the peer\'s `sk_err` to `ECONNRESET` when the closing socket\'s receive queue is not empty, or when it was a connection still waiting in a listener\'s queue ("embrion").',
      'Which call sees it depends on the order of checks: a TCP read returns queued data first (`tcp_recvmsg_locked()`), a seqpacket read reports the error before a queued message (`__skb_try_recv_datagram()` in `net/core/datagram.c` calls `sock_error()` first), and a Unix stream write checks the peer\'s shutdown before the error, so it fails with `EPIPE` and leaves the `ECONNRESET` to the next read (`unix_stream_sendmsg()`). A Unix stream write already blocked waiting for room wakes inside `sock_alloc_send_pskb()` in `net/core/sock.c`, whose loop checks the pending error first, so it fails with `ECONNRESET`.',
      'On macOS (XNU) a write checks "cannot send more" before the pending error (`sosendcheck()` in `bsd/kern/uipc_socket.c`), so the first write after a reset gets `EPIPE`; a read still gets `ECONNRESET` (`soreceive()`).',
      'A peer whose machine rebooted, or that lost the connection without a word, answers A\'s next segment with a RST: `tcp_v4_rcv()` in `net/ipv4/tcp_ipv4.c` finds no socket for it and calls `tcp_v4_send_reset()`. A learns of it only by sending ([`tcp/peer-rebooted`](/tcp/dead-peers/#tcp/peer-rebooted)).',
    ],
  },
  epipe: {
    title: 'EPIPE and SIGPIPE',
    main: true,
    short: 'You may not send any more on this socket: the peer is gone or stopped reading, or you shut down writing.',
    rule:
      'This socket may not send any more: the peer is gone or has stopped reading, or you shut down writing yourself. On TCP and Unix stream sockets, a write that starts after that also raises SIGPIPE, which kills the process by default, unless you passed MSG_NOSIGNAL or ignore the signal (as Node.js does). A Unix seqpacket write raises none, nor does a Unix stream write that was already waiting for room when writing was shut. It tells you nothing about what the peer received.',
    mechanism: [
      'TCP: `sk_stream_error()` in `net/core/stream.c` turns the error of a write that cannot send into `EPIPE` and sends `SIGPIPE` unless `MSG_NOSIGNAL` is set ([`send(2)`](https://man7.org/linux/man-pages/man2/send.2.html)). A pending reset error is reported first, instead, without the signal.',
      'Unix stream: `unix_stream_sendmsg()` in `net/unix/af_unix.c` fails with `EPIPE` and sends `SIGPIPE` when this side shut down writing or the peer is dead or shut down reading, before it looks at any pending error. A write already waiting for room in `sock_alloc_send_pskb()` (`net/core/sock.c`) when writing is shut fails there with `EPIPE`, by a path that sends no signal.',
      'Unix seqpacket: `unix_seqpacket_sendmsg()` reports a pending error first, then `unix_dgram_sendmsg()` returns `EPIPE` when the peer has shut down reading, and raises no signal.',
      'The signal\'s default action is to terminate the process ([`signal(7)`](https://man7.org/linux/man-pages/man7/signal.7.html)).',
    ],
  },
  etimedout: {
    title: 'ETIMEDOUT',
    rule:
      'The peer stopped answering: no FIN, no RST, just silence, until a timer ran out (unacknowledged data, TCP_USER_TIMEOUT, keepalive probes, or connection attempts). The peer\'s machine or the path to it is gone; its process may not know.',
    mechanism: [
      '`tcp_write_timeout()` and `tcp_keepalive_timer()` in `net/ipv4/tcp_timer.c` give up and call `tcp_write_err()`, which stores `ETIMEDOUT` (or a pending soft error) and closes the connection ([`tcp(7)`](https://man7.org/linux/man-pages/man7/tcp.7.html): `TCP_USER_TIMEOUT`, `tcp_retries2`, `TCP_KEEPCNT`).',
    ],
  },
  econnrefused: {
    title: 'ECONNREFUSED',
    rule:
      'Nobody is there to take the connection or the datagram: no listener on that port, no socket listening at that name, or (for a connected datagram socket) the peer socket has been closed.',
    mechanism: [
      'TCP: the SYN finds no listener and is answered with a RST (`tcp_v4_send_reset()` in `net/ipv4/tcp_ipv4.c`); `tcp_reset()` stores `ECONNREFUSED` for a socket in `SYN_SENT`.',
      'Unix stream and seqpacket: `unix_stream_connect()` in `net/unix/af_unix.c` refuses when the socket found is not listening; `unix_find_bsd()` refuses when the path is not a socket or no socket is bound to it (a stale socket file), and `unix_find_abstract()` when no socket has the abstract name.',
      'Unix datagram: `unix_dgram_sendmsg()` finds its peer dead (`SOCK_DEAD`), disconnects from it, drops the datagrams still queued for this socket (`unix_dgram_disconnected()`), and returns `ECONNREFUSED`; the next send without an address gets `ENOTCONN`.',
      'UDP: a datagram to a port with no socket is answered with an ICMP "port unreachable" (`icmp_send()` from `__udp4_lib_rcv()` in `net/ipv4/udp.c`). `__udp4_lib_err()` stores it as `ECONNREFUSED` on a connected socket only (or one with `IP_RECVERR`), and the next receive or send on it reports it, once. The send itself had succeeded.',
    ],
  },
  econnaborted: {
    title: 'ECONNABORTED',
    rule:
      'A connection attempt ended and there was no error left to say why, typically because SO_ERROR had already taken it. Ask SO_ERROR once, or let connect() report; not both. Linux\'s accept() does not return it for a connection the client reset while it waited in the queue: accept() hands over the dead connection, and its reads report the reset.',
    mechanism: [
      '`__inet_stream_connect()` in `net/ipv4/af_inet.c`, called again on a socket whose attempt ended in `CLOSE`, returns the pending error, or `ECONNABORTED` when there is none (`sock_error(sk) ? : -ECONNABORTED`).',
      'Not from `accept()` after a client\'s reset: the connection in the accept queue is a full socket, `tcp_reset()` (`net/ipv4/tcp_input.c`) stores `ECONNRESET` in it, and `inet_csk_accept()` in `net/ipv4/inet_connection_sock.c` hands it over without looking at its state ([`tcp/accept-after-reset`](/tcp/connecting/#tcp/accept-after-reset)). [`accept(2)`](https://man7.org/linux/man-pages/man2/accept.2.html) lists `ECONNABORTED`, and other systems may return it, so a portable server treats it like `EAGAIN`.',
    ],
  },
  enotconn: {
    title: 'ENOTCONN',
    rule:
      'The socket has no peer (any more). For a Unix datagram socket this comes after the ECONNREFUSED that disconnected it; for a TCP socket, it never connected, or its connection was reset or timed out. It does not report a reset: shutdown() after a reset says ENOTCONN and leaves the ECONNRESET for the next read.',
    mechanism: [
      '`unix_dgram_sendmsg()` in `net/unix/af_unix.c` returns `ENOTCONN` when a send has no address and `unix_peer()` is empty, as it is after the send that found the peer dead.',
      'TCP: `inet_shutdown()` in `net/ipv4/af_inet.c` returns `ENOTCONN` for any socket in `CLOSE` (never connected, or reset) without looking at the pending error; `tcp_recvmsg_locked()` in `net/ipv4/tcp.c` returns it for a socket in `CLOSE` that never received a FIN or a reset ("This occurs when user tries to read from never connected socket"). A write on a never-connected socket fails with `EPIPE` instead (`sk_stream_wait_connect()` in `net/core/stream.c`).',
    ],
  },
  eagain: {
    title: 'EAGAIN',
    rule:
      'Not an error about the peer: the call would have had to wait, and the socket is non-blocking. Nothing to read yet, no room to write, or a full accept queue. A peer that is gone says so with 0, ECONNRESET or EPIPE instead.',
    mechanism: [
      'Reads: `tcp_recvmsg_locked()` and `unix_stream_read_generic()` return `-EAGAIN` when the queue is empty and no end of file or error is pending.',
      'Writes: `sk_stream_wait_connect()` in `net/core/stream.c` returns it for a TCP socket still connecting; a full send buffer makes `sk_stream_wait_memory()` (TCP) or `sock_alloc_send_pskb()` (Unix sockets, `net/core/sock.c`) return it.',
      'Unix connect: `unix_stream_connect()` returns it when the listener\'s backlog is full and the socket is non-blocking ([`connect(2)`](https://man7.org/linux/man-pages/man2/connect.2.html)). TCP does not: a full queue drops the SYN and the client retries.',
    ],
  },
  einprogress: {
    title: 'EINPROGRESS',
    rule:
      'A non-blocking connect() has started and not finished. Wait until poll() says the socket is writable, then ask SO_ERROR how it ended.',
    mechanism: [
      '`__inet_stream_connect()` in `net/ipv4/af_inet.c` sends the SYN and returns `-EINPROGRESS` when the socket is non-blocking ([`connect(2)`](https://man7.org/linux/man-pages/man2/connect.2.html)).',
    ],
  },
  enoent: {
    title: 'ENOENT',
    rule: 'There is no file at that Unix socket path: nobody ever bound it, or it was removed. (An abstract name that nobody holds gives ECONNREFUSED instead.)',
    mechanism: [
      '`unix_find_bsd()` in `net/unix/af_unix.c` looks the path up with `kern_path()`, and passes its error on ([`unix(7)`](https://man7.org/linux/man-pages/man7/unix.7.html)). Node.js reports the same code from libuv\'s connect.',
    ],
  },
  eacces: {
    title: 'EACCES',
    rule:
      'Permission denied: your user may not write to that Unix socket file (or may not search a directory on its path). The server is probably there and listening; the fix is a permission, such as joining the group that owns the socket (docker.sock: the docker group), not a restart. Root is never refused this way.',
    mechanism: [
      '`unix_find_bsd()` in `net/unix/af_unix.c` asks for write permission on the socket file (`path_permission(&path, MAY_WRITE)`) before anything else ([`unix(7)`](https://man7.org/linux/man-pages/man7/unix.7.html): "connecting to a stream socket object requires write permission on that file"); `CAP_DAC_OVERRIDE` lets root pass (`generic_permission()` in `fs/namei.c`). Node.js reports the same code from libuv\'s connect.',
      'On macOS, `unp_connect()` in XNU\'s `bsd/kern/uipc_usrreq.c` checks with `vnode_authorize(…, KAUTH_VNODE_WRITE_DATA, …)`, after the check that gives `ENOTSOCK` for a file that is not a socket.',
    ],
  },
  enotsock: {
    title: 'ENOTSOCK',
    rule: 'The name you connected to is not a socket: a regular file (or directory) sits at that path. Reported for macOS; Linux says ECONNREFUSED for the same connect.',
    mechanism: ['`unp_connect()` in XNU\'s `bsd/kern/uipc_usrreq.c` fails with `ENOTSOCK` when the vnode found at the path is not a socket (`v_type != VSOCK`), before any permission check. Linux\'s `unix_find_bsd()` in `net/unix/af_unix.c` returns `ECONNREFUSED` there instead ([`unix(7)`](https://man7.org/linux/man-pages/man7/unix.7.html): "This error can also occur if the target pathname is not a socket").'],
  },
  eprotonosupport: {
    title: 'EPROTONOSUPPORT',
    rule: 'This system does not have the kind of socket you asked for. Reported for macOS, which has no Unix seqpacket sockets: use stream sockets with your own message framing, or datagram sockets.',
    mechanism: ['XNU\'s Unix domain offers only `SOCK_STREAM` and `SOCK_DGRAM` (`localsw[]` in `bsd/kern/uipc_proto.c`); `socreate_internal()` in `bsd/kern/uipc_socket.c` finds no protocol for another type and returns `EPROTONOSUPPORT` (`socketpair()` creates its sockets the same way). Linux supports `SOCK_SEQPACKET` for `AF_UNIX` ([`unix(7)`](https://man7.org/linux/man-pages/man7/unix.7.html)).'],
  },
  eprototype: {
    title: 'EPROTOTYPE',
    rule: 'A socket is bound at that name, but of another type (a datagram socket where a stream socket was expected).',
    mechanism: ['`unix_find_bsd()` in `net/unix/af_unix.c` finds the socket bound to the path and returns `-EPROTOTYPE` when its `sk_type` differs from the caller\'s.'],
  },
  err_stream_write_after_end: {
    title: 'ERR_STREAM_WRITE_AFTER_END',
    rule: 'Node.js refused a write after this side\'s own end(); no system call was made.',
    mechanism: ['Node\'s `Writable` (`lib/internal/streams/writable.js`) fails a `write()` made while the stream is ending with `ERR_STREAM_WRITE_AFTER_END`, emitted as an \'error\' event.'],
  },
  err_invalid_handle_type: {
    title: 'ERR_INVALID_HANDLE_TYPE',
    rule: 'Node.js can only reset a TCP socket: resetAndDestroy() on a Unix-socket connection throws.',
    mechanism: ['`Socket.prototype.resetAndDestroy()` in Node\'s `lib/net.js` throws `ERR_INVALID_HANDLE_TYPE` when the handle is not a `TCP` handle: a Unix socket has no reset to send.'],
  },
};

/** The order outcomes are listed in: the three of the question, then the rest of the family. */
export const OUTCOME_ORDER = Object.keys(OUTCOME_NOTES);

/** The note of an outcome, or a plain one for an outcome nobody has explained yet. */
export function noteOf(slug: string): OutcomeNote & { written: boolean } {
  const note = OUTCOME_NOTES[slug];
  if (note) return { ...note, written: true };
  const title = slug === slug.toLowerCase() ? slug.toUpperCase() : slug;
  return {
    title,
    rule: `This site has no rule of thumb for ${title} yet; the occurrences below are what this build observed.`,
    mechanism: ['[`errno(3)`](https://man7.org/linux/man-pages/man3/errno.3.html) gives its general meaning.'],
    written: false,
  };
}
