# title: Python over TCP: B sets SO_LINGER to {on, 0 s} and closes (a reset with nothing unread); A reads, writes
import select
import socket
import struct

server = socket.create_server(("127.0.0.1", 0))
a = socket.create_connection(server.getsockname())
b, _ = server.accept()
b.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
b.close()
select.select([a], [], [], 2)  # until the reset reaches A
a.recv(5)  #=> linux: raises ConnectionResetError ECONNRESET
a.send(b"hello")  #=> linux: raises BrokenPipeError EPIPE
a.close()
server.close()
