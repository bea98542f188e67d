// Reading env files for the compose loader (env_files.h).
#include "cli/env_files.h"

#include <fnmatch.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "cli/discover.h"

namespace dd::cli {

namespace fs = std::filesystem;

namespace {

bool within(const fs::path& file, const fs::path& dir) {
  auto f = file.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++f)
    if (f == file.end() || *f != *d) return false;
  return true;
}

std::string slurp(const fs::path& p, size_t limit) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec) || fs::file_size(p, ec) > limit) return "";
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The verdict of one `.gitignore` on `rel` (relative to its directory):
// 1 ignored, -1 re-included, 0 no pattern matches.
int gitignore_verdict(const std::string& text, const std::string& rel) {
  std::vector<std::string> parts;
  for (const auto& p : fs::path(rel)) parts.push_back(p.generic_string());
  int verdict = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    bool negate = line[0] == '!';
    if (negate) line.erase(0, 1);
    bool dir_only = !line.empty() && line.back() == '/';
    if (dir_only) line.pop_back();
    if (line.empty()) continue;
    bool anchored = line.find('/') != std::string::npos;
    if (!line.empty() && line[0] == '/') line.erase(0, 1);
    bool hit = false;
    // The file itself (unless the pattern is for directories) or a
    // directory above it.
    std::string prefix;
    for (size_t i = 0; i < parts.size() && !hit; ++i) {
      prefix += (i ? "/" : "") + parts[i];
      bool is_file = i + 1 == parts.size();
      if (is_file && dir_only) break;
      hit = anchored ? fnmatch(line.c_str(), prefix.c_str(), FNM_PATHNAME) == 0
                     : fnmatch(line.c_str(), parts[i].c_str(), 0) == 0;
    }
    if (hit) verdict = negate ? -1 : 1;
  }
  return verdict;
}

}  // namespace

bool git_ignores(const std::string& file) {
  std::error_code ec;
  fs::path f = fs::absolute(file, ec).lexically_normal();
  if (ec) return false;
  // The directories from the file's up to the repository's top; deeper
  // `.gitignore` files win, so they are applied last.
  std::vector<fs::path> dirs;
  for (fs::path d = f.parent_path(); dirs.size() < 64; d = d.parent_path()) {
    dirs.push_back(d);
    if (fs::exists(d / ".git", ec) || d == d.root_path() || !d.has_parent_path()) break;
  }
  bool ignored = false;
  for (auto d = dirs.rbegin(); d != dirs.rend(); ++d) {
    std::string text = slurp(*d / ".gitignore", kMaxEnvFileBytes);
    if (text.empty()) continue;
    int v = gitignore_verdict(text, f.lexically_relative(*d).generic_string());
    if (v != 0) ignored = v > 0;
  }
  return ignored;
}

compose::EnvFileRead read_env_file_within(const std::string& root, const std::string& path) {
  using State = compose::EnvFile::State;
  compose::EnvFileRead r;
  std::error_code ec;
  if (!fs::exists(path, ec)) {  // a dangling link is as missing as no file
    r.state = State::Missing;
    return r;
  }
  fs::path real = fs::canonical(path, ec);
  std::error_code root_ec;
  fs::path real_root = fs::canonical(root.empty() ? "." : root, root_ec);
  r.state = State::Refused;
  if (ec || root_ec || !within(real, real_root)) {
    r.problem = "it resolves outside the linted directory, so it was not read";
    return r;
  }
  if (!fs::is_regular_file(real, ec)) {
    r.problem = "it is not a regular file";
    return r;
  }
  if (fs::file_size(real, ec) > kMaxEnvFileBytes) {
    r.problem = "it is larger than " + std::to_string(kMaxEnvFileBytes >> 20) +
                " MiB, too large for an env file";
    return r;
  }
  // Read as a walked input: a FIFO swapped in after the checks is refused, not waited on.
  std::string error;
  if (!read_input(Input{real.string(), path, true}, &r.text, &error)) {
    r.problem = error;
    return r;
  }
  r.state = State::Read;
  r.git_ignored = git_ignores(real.string());
  return r;
}

}  // namespace dd::cli
