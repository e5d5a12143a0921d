# title: Ruby: a non-blocking read with nothing to read yet (EAGAIN), then at end of file
require 'socket'

a, b = UNIXSocket.pair
a.read_nonblock(5)  #=> linux: raises IO::EAGAINWaitReadable EAGAIN
a.read_nonblock(5, exception: false)  #=> linux: :wait_readable
b.close
a.read_nonblock(5, exception: false)  #=> linux: nil
a.close
