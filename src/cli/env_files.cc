// Reading env files for the compose loader (env_files.h).
#include "cli/env_files.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

#include "cli/discover.h"
#include "ignore/gitignore.h"

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

}  // namespace

bool git_ignores(const std::string& file) {
  std::error_code ec;
  fs::path f = fs::absolute(file, ec).lexically_normal();
  if (ec) return false;
  // The directories from the file's up to the repository's top, innermost
  // first, each with its `.gitignore`.
  std::vector<std::pair<fs::path, ignore::GitIgnore>> dirs;
  for (fs::path d = f.parent_path(); dirs.size() < 64; d = d.parent_path()) {
    dirs.emplace_back(d, ignore::GitIgnore(slurp(d / ".gitignore", kMaxEnvFileBytes)));
    if (fs::exists(d / ".git", ec) || d == d.root_path() || !d.has_parent_path()) break;
  }
  // Each directory on the way down, then the file: the deepest `.gitignore`
  // with a verdict decides, and a file in an ignored directory is ignored
  // whatever a `!` pattern says, as in Git.
  fs::path top = dirs.back().first;
  fs::path rel = f.lexically_relative(top);
  fs::path at = top;
  size_t parts = std::distance(rel.begin(), rel.end()), k = 0;
  for (const fs::path& part : rel) {
    at /= part;
    bool is_dir = ++k < parts;
    ignore::GitVerdict v = ignore::GitVerdict::None;
    for (const auto& [d, gi] : dirs) {
      if (gi.empty() || !within(at, d) || at == d) continue;
      v = gi.match(at.lexically_relative(d).generic_string(), is_dir);
      if (v != ignore::GitVerdict::None) break;
    }
    if (v == ignore::GitVerdict::Ignored) return true;
  }
  return false;
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
