# title: Ruby over TCP: A's write waits for room when B closes without reading
require 'io/wait'
require 'socket'

server = TCPServer.new('127.0.0.1', 0)
a = TCPSocket.new('127.0.0.1', server.addr[1])
b = server.accept
b.setsockopt(Socket::SOL_SOCKET, Socket::SO_RCVBUF, 4096)  # small buffers fill sooner
a.setsockopt(Socket::SOL_SOCKET, Socket::SO_SNDBUF, 4096)
writer = Thread.new do
  a.write('x' * 1_000_000)  #=> linux: raises Errno::ECONNRESET ECONNRESET
end
deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + 2
until writer.status == 'sleep' && !a.wait_writable(0) # until the writer waits for room
  break if Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
end
b.close
writer.join
a.close
server.close
