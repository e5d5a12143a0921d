# title: Ruby: connect to a Unix socket path that does not exist
require 'socket'
require 'tmpdir'

Dir.mktmpdir do |folder|
  UNIXSocket.new(File.join(folder, 'nobody-here.sock'))  #=> linux: raises Errno::ENOENT ENOENT
end
