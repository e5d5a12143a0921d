# title: The question's Example 1, in its own Ruby: read() on a Unix socket whose peer closed with A's bytes unread
require 'socket'

a, b = UNIXSocket.pair
a.write("hello")  #=> linux: 5
b.close
a.read  #=> linux: raises Errno::ECONNRESET ECONNRESET
