# title: Python over TCP: A's sendall() waits for room when B closes without reading
import select
import socket
import threading
import time

server = socket.create_server(("127.0.0.1", 0))
a = socket.create_connection(server.getsockname())
b, _ = server.accept()
b.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # small buffers fill sooner
a.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)


def write():
    a.sendall(b"x" * 1_000_000)  #=> linux: raises ConnectionResetError ECONNRESET


writer = threading.Thread(target=write)
writer.start()
deadline = time.monotonic() + 4
while True:  # until the writer sleeps in the kernel, waiting for room
    with open(f"/proc/self/task/{writer.native_id}/wchan") as waiting:
        if waiting.read() == "wait_woken":  # where sk_stream_wait_memory() sleeps
            break
    if time.monotonic() > deadline:
        raise RuntimeError("the writer never waited for room")
b.close()
writer.join()
a.close()
server.close()
