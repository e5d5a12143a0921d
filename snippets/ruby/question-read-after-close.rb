# title: The question's second example, in its own Ruby: B closes, nothing pending; A reads
require 'socket'

a, b = UNIXSocket.pair
b.close
a.read  #=> linux: ""
