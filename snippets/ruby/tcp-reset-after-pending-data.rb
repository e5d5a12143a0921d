# title: Ruby over TCP: B's bytes wait unread at A when B resets; readpartial gives them first, read (to the end) loses them
require 'io/wait'
require 'socket'

server = TCPServer.new('127.0.0.1', 0)
%w[readpartial read].each do |reader|
  a = TCPSocket.new('127.0.0.1', server.addr[1])
  b = server.accept
  b.write('world')  # B's bytes wait in A's kernel
  a.write('hello')  # A's bytes wait in B's kernel, never read
  b.wait_readable(2)
  b.close  # unread data: a reset
  a.wait_priority(2)  # until the reset reaches A (poll() reports an error)
  if reader == 'readpartial'
    a.readpartial(5)  #=> linux: "world"
    a.readpartial(5)  #=> linux: raises Errno::ECONNRESET ECONNRESET
  else
    a.read  #=> linux: raises Errno::ECONNRESET ECONNRESET
  end
  a.close
end
server.close
