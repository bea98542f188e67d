// Configuration discovery and reloading for the language server. Discovery
// is config::find_config, as the CLI does it, cached per directory until
// the files change on disk.
#include "lsp/config_set.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

namespace dd::lsp {

namespace fs = std::filesystem;

namespace {

std::string parent_of(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool same_errors(const std::vector<config::ConfigError>& a,
                 const std::vector<config::ConfigError>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].str() != b[i].str()) return false;
  return true;
}

}  // namespace

bool is_config_name(std::string_view basename) {
  return basename == config::kConfigFileName;
}

void ConfigSet::set_fixed(std::string path) {
  fixed_ = std::move(path);
  reload();
}

void ConfigSet::set_buffer(const std::string& path, std::optional<std::string> text) {
  if (text)
    buffers_[path] = std::move(*text);
  else
    buffers_.erase(path);
  if (auto it = slots_.find(path); it != slots_.end()) it->second.fresh = false;
  // A new file not saved yet changes which configuration applies where.
  found_.clear();
}

void ConfigSet::reload() {
  found_.clear();
  for (auto& [path, slot] : slots_) slot.fresh = false;
}

// find_config() reads the disk only; an open configuration buffer that is
// not saved yet applies to the files below it all the same.
std::string ConfigSet::discover(const std::string& path) {
  std::string dir = parent_of(path);
  if (auto it = found_.find(dir); it != found_.end()) return it->second;
  std::string found = config::find_config(dir);
  if (!found.empty()) {
    std::error_code ec;
    found = fs::absolute(found, ec).lexically_normal().generic_string();
  }
  for (const auto& [buffer, text] : buffers_) {
    std::string bdir = parent_of(buffer);
    bool above = dir == bdir || dir.starts_with(bdir == "/" ? bdir : bdir + "/");
    // The nearest one wins, as in find_config().
    if (above && (found.empty() || bdir.size() > parent_of(found).size())) found = buffer;
  }
  found_[dir] = found;
  return found;
}

const config::Config* ConfigSet::load(const std::string& path) {
  Slot& slot = slots_[path];
  if (!slot.fresh) {
    slot.fresh = true;
    std::string text;
    bool readable = true;
    if (auto it = buffers_.find(path); it != buffers_.end()) {
      text = it->second;
    } else {
      std::ifstream in(path, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      readable = static_cast<bool>(in);
      text = ss.str();
    }
    std::vector<config::ConfigError> errors;
    config::Config loaded;
    if (!readable)
      errors.push_back(config::ConfigError{path, 0, 0, "cannot read the configuration file"});
    else if (config::load_config(path, text, &loaded, &errors))
      slot.good = std::move(loaded);
    if (!same_errors(errors, slot.errors)) changes_.push_back(Status{path, text, errors});
    slot.errors = std::move(errors);
  }
  return slot.good ? &*slot.good : nullptr;
}

ConfigSet::ForFile ConfigSet::for_file(const std::string& path) {
  ForFile out;
  std::string config_path = !fixed_.empty() ? fixed_ : path.empty() ? "" : discover(path);
  const config::Config* config = config_path.empty() ? nullptr : load(config_path);
  if (config) {
    std::string rel = path.empty() ? "" : config::config_relative(*config, path);
    out.options = config::options_for(*config, rel);
    // An open file is one the user named, as on the command line: only
    // `exclude` leaves it out (`include` selects what a directory walk finds).
    out.excluded = !path.empty() && config::any_matches(config->exclude, rel);
    if (config->min_severity)
      if (std::optional<Severity> s = parse_severity(config->min_severity->value))
        out.min_severity = *s;
  }
  if (min_severity_) out.min_severity = *min_severity_;
  if (no_inline_) out.options.inline_suppressions = false;
  return out;
}

std::vector<ConfigSet::Status> ConfigSet::take_changes() {
  return std::exchange(changes_, {});
}

}  // namespace dd::lsp
