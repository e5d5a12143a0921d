# title: Ruby over TCP: B closes in order (a FIN); A writes after it, twice, then reads
require 'io/wait'
require 'socket'

server = TCPServer.new('127.0.0.1', 0)
a = TCPSocket.new('127.0.0.1', server.addr[1])
b = server.accept
b.close
a.wait_readable(2)  # until the FIN reaches A
a.write("hello")  #=> linux: 5
a.wait_priority(2)  # until B's kernel answers the bytes with a reset (poll() reports an error)
a.write("world")  #=> linux: raises Errno::EPIPE EPIPE
a.read  #=> linux: ""
a.close
server.close
