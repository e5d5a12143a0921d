# title: The question's first example, in its own Ruby: B closes, nothing pending; A writes
require 'socket'

a, b = UNIXSocket.pair
b.close
a.write("foo")  #=> linux: raises Errno::EPIPE EPIPE
