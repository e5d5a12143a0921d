# title: Ruby: SIGPIPE has a handler that does nothing, so a write gets EPIPE; restored to its default, the write kills the process
require 'socket'

caught = File.read('/proc/self/status')[/^SigCgt:\s*(\h+)/, 1].to_i(16)  # the signals this process has a handler for
caught[Signal.list['PIPE'] - 1]  #=> linux: 1
ignored = File.read('/proc/self/status')[/^SigIgn:\s*(\h+)/, 1].to_i(16)
ignored[Signal.list['PIPE'] - 1]  #=> linux: 0
a, b = UNIXSocket.pair
b.close
a.write("x")  #=> linux: raises Errno::EPIPE EPIPE
trap('PIPE', 'SYSTEM_DEFAULT')  # what a C program starts with
a.write("x")  #=> linux: killed SIGPIPE
