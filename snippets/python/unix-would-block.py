# title: Python: a non-blocking read with nothing to read yet (EAGAIN), then at end of file
import socket

a, b = socket.socketpair()
a.setblocking(False)
a.recv(5)  #=> linux: raises BlockingIOError EAGAIN
b.close()
a.recv(5)  #=> linux: b''
a.close()
