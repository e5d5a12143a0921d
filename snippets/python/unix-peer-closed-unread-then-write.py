# title: Python: B closes with A's bytes unread; A writes again (EPIPE), then reads (ECONNRESET)
import socket

a, b = socket.socketpair()
a.send(b"hello")  #=> linux: 5
b.close()
a.send(b"world")  #=> linux: raises BrokenPipeError EPIPE
a.recv(5)  #=> linux: raises ConnectionResetError ECONNRESET
a.close()
