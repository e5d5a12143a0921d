# title: Python over TCP: B closes with A's bytes unread (a reset); A writes twice
import select
import socket

server = socket.create_server(("127.0.0.1", 0))
a = socket.create_connection(server.getsockname())
b, _ = server.accept()
a.send(b"hello")  #=> linux: 5
select.select([b], [], [], 2)  # until B's kernel holds the bytes
b.close()
select.select([a], [], [], 2)  # until the reset reaches A
a.send(b"world")  #=> linux: raises ConnectionResetError ECONNRESET
a.send(b"world")  #=> linux: raises BrokenPipeError EPIPE
a.close()
server.close()
