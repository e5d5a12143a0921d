# title: Ruby: B closes, nothing pending; the ways A's reads say end of file
require 'socket'

a, b = UNIXSocket.pair
b.close
a.read  #=> linux: ""
a.read(5)  #=> linux: nil
a.recv(5)  #=> linux: ""
a.gets  #=> linux: nil
a.read_nonblock(5, exception: false)  #=> linux: nil
a.readpartial(5)  #=> linux: raises EOFError
a.read_nonblock(5)  #=> linux: raises EOFError
a.close
