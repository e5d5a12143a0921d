# title: Ruby: connect to a Unix socket path that does not exist
# (A path relative to the working folder: observe runs each program in a private folder of its own,
# and a short path stays within sun_path's 108 bytes however deep that folder is.)
require 'socket'

UNIXSocket.new('nobody-here.sock')  #=> linux: raises Errno::ENOENT ENOENT
