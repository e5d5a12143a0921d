# title: Python: connect to a Unix socket path that does not exist
# (A path relative to the working folder: observe runs each program in a private folder of its own,
# and a short path stays within sun_path's 108 bytes however deep that folder is.)
import socket

a = socket.socket(socket.AF_UNIX)
a.connect("nobody-here.sock")  #=> linux: raises FileNotFoundError ENOENT
a.close()
