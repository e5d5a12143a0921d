# title: Python: connect to a Unix socket path that does not exist
import os
import socket
import tempfile

with tempfile.TemporaryDirectory() as folder:
    a = socket.socket(socket.AF_UNIX)
    a.connect(os.path.join(folder, "nobody-here.sock"))  #=> linux: raises FileNotFoundError ENOENT
    a.close()
