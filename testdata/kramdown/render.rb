# Renders Markdown documents with kramdown as Jekyll 4.3 does, for
# helplint's differential tests. Documents arrive on stdin separated by NUL
# bytes; their HTML leaves on stdout, separated the same way.
# KRAMDOWN_OPTIONS is a JSON object: the `kramdown:` mapping of the site's
# _config.yml, laid over Jekyll's defaults for kramdown (input GFM,
# auto_ids, hard_wrap off, ...). HARD_WRAP=1 sets hard_wrap, as the Login.gov
# site does (the fixture pages are written for it).
require 'json'
require 'kramdown'
require 'kramdown-parser-gfm'

# Jekyll::Configuration::DEFAULTS["kramdown"] in Jekyll 4.3
options = {
  'auto_ids' => true,
  'toc_levels' => (1..6).to_a,
  'entity_output' => 'as_char',
  'smart_quotes' => 'lsquo,rsquo,ldquo,rdquo',
  'input' => 'GFM',
  'hard_wrap' => false,
  'guess_lang' => true,
  'footnote_nr' => 1,
  'show_warnings' => false,
}
options.merge!(JSON.parse(ENV['KRAMDOWN_OPTIONS'])) if ENV['KRAMDOWN_OPTIONS'].to_s != ''
options['hard_wrap'] = true if ENV['HARD_WRAP'] == '1'
# no highlighting: the oracle compares structure, not the colours of code
options['syntax_highlighter'] = nil
options = options.transform_keys(&:to_sym)
docs = $stdin.binmode.read.split("\0".b, -1).map { |d| d.force_encoding("UTF-8") }
html = docs.map do |doc|
  Kramdown::Document.new(doc.scrub, options).to_html
rescue StandardError => e
  "<!-- kramdown error: #{e.message} -->"
end
$stdout.write(html.join("\0"))
