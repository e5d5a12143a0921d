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
# Until B holds unread bytes (so its close sends a RST, not a FIN) and the writer waits for room
# in A's full send buffer; Thread.pass lets the writer run, since this loop holds Ruby's lock.
deadline = Process.clock_gettime(Process::CLOCK_MONOTONIC) + 4
until b.wait_readable(0) && writer.status == 'sleep' && !a.wait_writable(0)
  raise 'the writer never waited for room' if Process.clock_gettime(Process::CLOCK_MONOTONIC) > deadline
  Thread.pass
end
b.close
writer.join
a.close
server.close
