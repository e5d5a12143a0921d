# title: Ruby over TCP: B stops reading; A's unsent data waits on a closed window past TCP_USER_TIMEOUT (ETIMEDOUT); and Ruby's own timeout
require 'io/wait'
require 'socket'

server = TCPServer.new('127.0.0.1', 0)
a = TCPSocket.new('127.0.0.1', server.addr[1])
b = server.accept  # B never reads: its receive window closes
b.setsockopt(Socket::SOL_SOCKET, Socket::SO_RCVBUF, 4096)  # small buffers fill sooner
a.setsockopt(Socket::SOL_SOCKET, Socket::SO_SNDBUF, 4096)
a.setsockopt(Socket::IPPROTO_TCP, Socket::TCP_USER_TIMEOUT, 100)  # give up after 100 ms without progress
loop { a.write_nonblock('x' * 4096) } rescue IO::WaitWritable # until B's receive queue and A's send queue are full
a.wait_readable(5)  # until the kernel gives up
a.read_nonblock(5)  #=> linux: raises Errno::ETIMEDOUT ETIMEDOUT
a.close
c = TCPSocket.new('127.0.0.1', server.addr[1])
c.wait_readable(0.05)  #=> linux: nil
c.close
b.close
server.close
