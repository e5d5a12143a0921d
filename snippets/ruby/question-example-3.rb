# title: The question's Example 3, in its own Ruby: write() on a Unix socket whose peer closed with A's bytes unread
require 'socket'

a, b = UNIXSocket.pair
a.write("hello")  #=> linux: 5
b.close
a.write("world")  #=> linux: raises Errno::EPIPE EPIPE
