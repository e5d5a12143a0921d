# Runs one Ruby program for observe/runtimes.ts. The program's source comes on stdin with each
# claimed line wrapped in __record(line) { … } (same line numbers as the file); __record makes the
# call and writes what it gave, one JSON line each, to fd 3: {"start": N} before the call, then
# {"line": N, "result": …, "data": …}. An exception is the line's result, and the program goes on,
# so every claimed line is observed, as in the question's `# =>` comments.
require 'json'

OUT = IO.for_fd(3)
OUT.sync = true

def __shown(value)
  case value
  when nil, true, false, Symbol then value.inspect
  when Integer then value
  when String then value.bytesize <= 40 ? value.inspect : 'String'
  else value.class.name
  end
end

def __record(line)
  OUT.puts(JSON.generate({ start: line }))
  begin
    value = yield
  rescue StandardError => e
    errno = e.class.ancestors.find { |c| c.name&.start_with?('Errno::') }
    words = ['raises', e.class.name, errno&.name&.delete_prefix('Errno::')].compact
    # An errno's own words ("Connection refused"): Ruby's message adds the address, which differs each run.
    message = errno ? errno.new.message : e.message
    OUT.puts(JSON.generate({ line: line, result: words.join(' '), data: message }))
    return nil
  end
  OUT.puts(JSON.generate({ line: line, result: __shown(value) }))
  value
end

path = ARGV.fetch(0)
TOPLEVEL_BINDING.eval($stdin.read, path, 1)
