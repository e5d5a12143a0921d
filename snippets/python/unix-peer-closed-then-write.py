# title: Python: B closes, nothing pending either way; A writes (EPIPE, and Python ignores SIGPIPE)
import socket

a, b = socket.socketpair()
b.close()
a.send(b"foo")  #=> linux: raises BrokenPipeError EPIPE
a.send(b"foo")  #=> linux: raises BrokenPipeError EPIPE
a.close()
