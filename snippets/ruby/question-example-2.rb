# title: The question's Example 2, in its own Ruby: read() on a TCP socket whose peer closed with A's bytes unread
require 'io/wait'
require 'socket'

s = TCPServer.new('127.0.0.1', 0)  # the question used port 3001; 0 lets the kernel pick a free one
b = TCPSocket.new('127.0.0.1', s.addr[1])  # side B (the question calls it c too)
c = s.accept  # side A
c.write("hello")  #=> linux: 5
b.wait_readable(2)  # until B's kernel holds the bytes
b.close
c.wait_readable(2)  # until the reset reaches A
c.read  #=> linux: raises Errno::ECONNRESET ECONNRESET
