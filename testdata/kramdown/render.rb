# Renders Markdown documents with kramdown as Jekyll does (GFM input), for
# helplint's differential tests. Documents arrive on stdin separated by NUL
# bytes; their HTML leaves on stdout, separated the same way.
# HARD_WRAP=1 sets kramdown's hard_wrap, as the Login.gov site does.
require 'kramdown'
require 'kramdown-parser-gfm'

options = {
  input: 'GFM',
  hard_wrap: ENV['HARD_WRAP'] == '1',
  auto_ids: true,
  syntax_highlighter: nil,
}
docs = $stdin.binmode.read.split("\0".b, -1).map { |d| d.force_encoding("UTF-8") }
html = docs.map do |doc|
  Kramdown::Document.new(doc.scrub, options).to_html
rescue StandardError => e
  "<!-- kramdown error: #{e.message} -->"
end
$stdout.write(html.join("\0"))
