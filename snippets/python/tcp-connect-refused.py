# title: Python over TCP: connect to a loopback port where nobody listens
import socket

bound = socket.socket()
bound.bind(("127.0.0.1", 0))  # the port is ours, but nobody listens on it
socket.create_connection(bound.getsockname())  #=> linux: raises ConnectionRefusedError ECONNREFUSED
bound.close()
