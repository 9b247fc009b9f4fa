# Loads a Jekyll site with Jekyll's own reader and generators (no rendering,
# no writing) and prints what helplint's site model must agree with, one
# record a line, tab-separated, sorted:
#   page  <source path relative to the site>  <url>  <written: 1|0>
#   doc   <source path relative to the site>  <url>  <written: 1|0>  <collection>
#   redirect  <from url>  <to url>  <source path of the page that asks for it>
# Usage: ruby site.rb SITE_DIR [drafts]
# Plugins other than jekyll-redirect-from are dropped (they are not installed
# here and none of them adds pages helplint reads); layouts are not needed.
require 'jekyll'
require 'jekyll-redirect-from'
require 'tmpdir'

source = File.expand_path(ARGV[0])
drafts = ARGV[1] == 'drafts'
Jekyll.logger.log_level = :error
overrides = {
  'source' => source,
  'destination' => File.join(Dir.mktmpdir('helplint-jekyll'), '_site'),
  'quiet' => true,
  'disable_disk_cache' => true,
  'show_drafts' => drafts,
  'plugins' => [],
}
# A page whose front matter is not a mapping stops Jekyll's build; the
# oracle notes it (helplint reports it as front-matter-syntax) and goes on,
# so that the other pages of a fixture site are still compared.
$broken = []
module Jekyll
  module Convertible
    def validate_data!(filename)
      return if data.is_a?(Hash)
      $broken << filename
      self.data = {}
    end
  end
end
config = Jekyll.configuration(overrides)
site = Jekyll::Site.new(config)
site.reset
site.read

rel = ->(path) { path.delete_prefix(source + '/') }
lines = []
redirect_to = {}
site.pages.each do |p|
  next if p.is_a?(JekyllRedirectFrom::RedirectPage) || p.is_a?(Jekyll::PageWithoutAFile)
  lines << ['page', rel.(p.path.start_with?('/') ? p.path : File.join(source, p.relative_path)), p.url, p.write? ? 1 : 0].join("\t")
end
site.collections.each_value do |c|
  c.docs.each do |d|
    lines << ['doc', rel.(d.path), d.url, d.write? ? 1 : 0, c.label].join("\t")
  end
end
# the generator's own loop, with the page each redirect comes from
(site.docs_to_write + site.pages).each do |d|
  next if d.is_a?(JekyllRedirectFrom::RedirectPage) || d.is_a?(Jekyll::PageWithoutAFile) || !d.respond_to?(:redirect_from)
  src = rel.(d.path.start_with?('/') ? d.path : File.join(source, d.relative_path))
  d.redirect_from.each do |from|
    r = JekyllRedirectFrom::RedirectPage.redirect_from(d, from)
    lines << ['redirect', r.url, r.redirect_to, src].join("\t")
  end
  if d.redirect_to
    r = JekyllRedirectFrom::RedirectPage.redirect_to(d, d.redirect_to)
    lines << ['redirect', r.url, r.redirect_to, src].join("\t")
  end
end
$broken.each { |f| lines << ['broken', rel.(File.expand_path(f))].join("\t") }
puts lines.uniq.sort
