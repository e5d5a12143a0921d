# title: Python over TCP: B closes in order (a FIN); A writes after it, twice, then reads
import select
import socket

server = socket.create_server(("127.0.0.1", 0))
a = socket.create_connection(server.getsockname())
b, _ = server.accept()
b.close()
select.select([a], [], [], 2)  # until the FIN reaches A
a.send(b"hello")  #=> linux: 5
errors = select.poll()
errors.register(a, select.POLLERR)
errors.poll(2000)  # until B's kernel answers the bytes with a reset
a.send(b"world")  #=> linux: raises BrokenPipeError EPIPE
a.recv(5)  #=> linux: b''
a.close()
server.close()
