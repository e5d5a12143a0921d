# title: Ruby: B closes with A's bytes unread; A reads with readpartial (ECONNRESET, once, then end of file)
require 'socket'

a, b = UNIXSocket.pair
a.write("hello")  #=> linux: 5
b.close
a.readpartial(5)  #=> linux: raises Errno::ECONNRESET ECONNRESET
a.readpartial(5)  #=> linux: raises EOFError
a.close
