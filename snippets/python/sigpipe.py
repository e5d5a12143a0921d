# title: Python: SIGPIPE is ignored from the start, so a write gets EPIPE; restored to its default, the write kills the process
import signal
import socket

signal.getsignal(signal.SIGPIPE) == signal.SIG_IGN  #=> linux: True
a, b = socket.socketpair()
b.close()
a.send(b"x")  #=> linux: raises BrokenPipeError EPIPE
signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # what a C program starts with
a.send(b"x")  #=> linux: killed SIGPIPE
