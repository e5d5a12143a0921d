# title: Ruby over TCP: B sets SO_LINGER to {on, 0 s} and closes (a reset with nothing unread); A reads, writes
require 'io/wait'
require 'socket'

server = TCPServer.new('127.0.0.1', 0)
a = TCPSocket.new('127.0.0.1', server.addr[1])
b = server.accept
b.setsockopt(Socket::Option.linger(true, 0))
b.close
a.wait_readable(2)  # until the reset reaches A
a.readpartial(5)  #=> linux: raises Errno::ECONNRESET ECONNRESET
a.write("hello")  #=> linux: raises Errno::EPIPE EPIPE
a.close
server.close
