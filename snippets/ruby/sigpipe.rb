# title: Ruby: SIGPIPE has a handler that does nothing, so a write gets EPIPE; restored to its default, the write kills the process
require 'socket'

a, b = UNIXSocket.pair
b.close
a.write("x")  #=> linux: raises Errno::EPIPE EPIPE
trap('PIPE', 'SYSTEM_DEFAULT')  # what a C program starts with
a.write("x")  #=> linux: killed SIGPIPE
