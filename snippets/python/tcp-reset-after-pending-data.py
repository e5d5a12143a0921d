# title: Python over TCP: B's bytes wait unread at A when B resets; recv() gives them first, a buffered read() loses them
import select
import socket

server = socket.create_server(("127.0.0.1", 0))
for reader in ("recv", "makefile"):
    a = socket.create_connection(server.getsockname())
    b, _ = server.accept()
    b.send(b"world")  # B's bytes wait in A's kernel
    a.send(b"hello")  # A's bytes wait in B's kernel, never read
    select.select([b], [], [], 2)
    b.close()  # unread data: a reset
    errors = select.poll()
    errors.register(a, select.POLLERR)
    errors.poll(2000)  # until the reset reaches A
    if reader == "recv":
        a.recv(5)  #=> linux: b'world'
        a.recv(5)  #=> linux: raises ConnectionResetError ECONNRESET
    else:
        a.makefile("rb").read()  #=> linux: raises ConnectionResetError ECONNRESET
    a.close()
server.close()
