# title: Python: B closes, nothing pending either way; A reads (end of file)
import socket

a, b = socket.socketpair()  # AF_UNIX, SOCK_STREAM
b.close()
a.recv(5)  #=> linux: b''
a.recv(5)  #=> linux: b''
a.close()
