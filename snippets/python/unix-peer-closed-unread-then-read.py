# title: Python: B closes with A's bytes unread; A reads (ECONNRESET, once)
import socket

a, b = socket.socketpair()
a.send(b"hello")  #=> linux: 5
b.close()
a.recv(5)  #=> linux: raises ConnectionResetError ECONNRESET
a.recv(5)  #=> linux: b''
a.close()
