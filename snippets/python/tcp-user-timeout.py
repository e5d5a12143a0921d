# title: Python over TCP: B stops reading; A's unsent data waits on a closed window past TCP_USER_TIMEOUT (ETIMEDOUT); and Python's own timeout
import select
import socket

server = socket.create_server(("127.0.0.1", 0))
a = socket.create_connection(server.getsockname())
b, _ = server.accept()  # B never reads: its receive window closes
b.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # small buffers fill sooner
a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)
a.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, 100)  # give up after 100 ms without progress
a.setblocking(False)
while True:
    try:
        a.send(b"x" * 4096)
    except BlockingIOError:
        break  # B's receive queue and A's send queue are full
select.select([a], [], [], 5)  # until the kernel gives up
a.recv(5)  #=> linux: raises TimeoutError ETIMEDOUT
a.close()
c = socket.create_connection(server.getsockname())
c.settimeout(0.05)  # Python's own timeout: it waits in poll(), not in the kernel's TCP
c.recv(5)  #=> linux: raises TimeoutError
socket.timeout is TimeoutError  #=> linux: True
c.close()
b.close()
server.close()
