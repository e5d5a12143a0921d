# title: Ruby over TCP: connect to a loopback port where nobody listens
require 'socket'

bound = Socket.new(:INET, :STREAM)
bound.bind(Addrinfo.tcp('127.0.0.1', 0))  # the port is ours, but nobody listens on it
TCPSocket.new('127.0.0.1', bound.local_address.ip_port)  #=> linux: raises Errno::ECONNREFUSED ECONNREFUSED
bound.close
