# Loads a Jekyll site with Jekyll's own reader and generators (no rendering,
# no writing) and prints what helplint's site model must agree with, one
# record a line, tab-separated, sorted:
#   page  <source path relative to the site>  <url>  <written: 1|0>
#   doc   <source path relative to the site>  <url>  <written: 1|0>  <collection>
#   redirect  <from url>  <to url>  <source path of the page that asks for it>
#   dest  <source path>  <the file Jekyll writes, relative to the site's destination>
#   generated  <url>  <class>   (a page a generator made, from no source file)
#   plugin  <name>  <loaded | the reason it did not load>
# Usage: ruby site.rb SITE_DIR [drafts]
# The site's plugins (its `plugins:` gems and _plugins/*.rb) are loaded where
# they load with the gems installed; one that does not is reported and left
# out, as is a generator that fails (the oracle has no network: a generator
# that fetches data fails). site.read and site.generate run; nothing is
# rendered or written.
require 'jekyll'
require 'jekyll-redirect-from'
require 'tmpdir'
require 'fileutils'

root = File.expand_path(ARGV[0])
# `jekyll build` in root reads root/_config.yml, whose `source:` may name
# the folder the site is read from
config_file = File.join(root, '_config.yml')
source = root
if File.exist?(config_file)
  src = (Psych.safe_load(File.read(config_file), permitted_classes: [Date, Time, Symbol], aliases: true) || {})['source'] rescue nil
  source = File.expand_path(src.to_s, root) if src.is_a?(String) && !src.empty?
end
drafts = ARGV[1] == 'drafts'
Jekyll.logger.log_level = :error
# nothing is written there, but Jekyll wants the folders named: one scratch
# folder, removed on exit (each oracle run would otherwise leave two behind)
scratch = Dir.mktmpdir('helplint-jekyll')
at_exit { FileUtils.remove_entry(scratch) }
overrides = {
  'source' => source,
  'config' => File.exist?(config_file) ? config_file : [],
  'destination' => File.join(scratch, '_site'),
  'quiet' => true,
  'disable_disk_cache' => true,
  'show_drafts' => drafts,
  'plugins' => [],
  'plugins_dir' => File.join(scratch, 'no-plugins'),
}
# no network: a plugin that fetches data fails here, as a build offline does
require 'open-uri'
require 'net/http'
module OpenURI
  def self.open_uri(*)
    raise SocketError, 'no network in the oracle'
  end
end
class Net::HTTP
  def self.start(*)
    raise SocketError, 'no network in the oracle'
  end
end
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
$plugins = []
$stdout = $stderr # what plugins print is no record
# Jekyll 4.3 with Psych 4 stops at a plain scalar that starts with a colon
# (`permalink: :title`, which Psych reads as a Symbol); the SafeYAML of
# Jekyll 4.2 and GitHub Pages read it as the string ":title", as helplint
# does: read it so
module Jekyll
  module Utils
    def safe_load_yaml(yaml)
      unsymbol = lambda do |v|
        case v
        when Symbol then ":#{v}"
        when Hash then v.to_h { |k, x| [unsymbol.(k), unsymbol.(x)] }
        when Array then v.map { |x| unsymbol.(x) }
        else v
        end
      end
      unsymbol.(Psych.safe_load(yaml, permitted_classes: [Date, Time, Symbol], aliases: true))
    end
    module_function :safe_load_yaml
  end
end
wanted = Array(Jekyll.configuration(overrides.reject { |k, _| k == 'plugins' })['plugins'])
loaded = wanted.select do |name|
  require name
  $plugins << ['plugin', name, 'loaded'].join("\t")
  true
rescue LoadError, StandardError => e
  $plugins << ['plugin', name, "not loaded: #{e.message.lines.first.strip}"].join("\t")
  false
end
loaded |= ['jekyll-redirect-from']
config = Jekyll.configuration(overrides.merge('plugins' => loaded))
Dir[File.join(source, '_plugins', '**', '*.rb')].sort.each do |f|
  require f
  $plugins << ['plugin', f.delete_prefix(source + '/'), 'loaded'].join("\t")
rescue LoadError, StandardError => e
  $plugins << ['plugin', f.delete_prefix(source + '/'), "not loaded: #{e.message.lines.first.strip}"].join("\t")
end
site = begin
  Jekyll::Site.new(config)
rescue Jekyll::Errors::MissingDependencyException => e
  # a theme gem that is not installed: its layouts and includes are not needed
  $plugins << ['plugin', "theme #{config['theme']}", "not loaded: #{e.message.lines.first.strip}"].join("\t")
  Jekyll::Site.new(config.merge('theme' => nil))
end
site.reset
site.read
site.generators.each do |g|
  g.generate(site)
rescue StandardError => e
  $plugins << ['plugin', g.class.name, "generator failed: #{e.message.lines.first.strip}"].join("\t")
end

rel = ->(path) { path.delete_prefix(source + '/') }
lines = []
redirect_to = {}
site.pages.each do |p|
  next if p.is_a?(JekyllRedirectFrom::RedirectPage)
  if p.is_a?(Jekyll::PageWithoutAFile) || !File.exist?(File.join(source, p.relative_path))
    lines << ['generated', p.url, p.class.name].join("\t")
    next
  end
  src = rel.(p.path.start_with?('/') ? p.path : File.join(source, p.relative_path))
  lines << ['page', src, p.url, p.write? ? 1 : 0].join("\t")
  lines << ['dest', src, p.destination(site.dest).delete_prefix(site.dest + '/')].join("\t") if p.write?
end
site.collections.each_value do |c|
  c.docs.each do |d|
    lines << ['doc', rel.(d.path), d.url, d.write? ? 1 : 0, c.label].join("\t")
    lines << ['dest', rel.(d.path), d.destination(site.dest).delete_prefix(site.dest + '/')].join("\t") if d.write?
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
lines.concat($plugins)
STDOUT.puts lines.uniq.sort
