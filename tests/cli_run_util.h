// Running the built docker-doctor in a directory, for the tests that check
// what the whole program prints for a small repository written on disk.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace dd::testing {

struct RunResult {
  int status = -1;
  std::string out, err;
};

// Runs the binary in `dir` with an empty environment (no variables leak
// in); `args` is shell text. Standard error goes to a file outside `dir`, so
// the tree being linted holds only what the test wrote.
inline RunResult run_in(const std::filesystem::path& dir, const std::string& args) {
  static std::atomic<int> serial{0};
  std::filesystem::path err =
      std::filesystem::temp_directory_path() /
      ("dd-cli-stderr-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
  std::string cmd = "cd '" + dir.string() + "' && env -i '" + std::string(DD_BINARY) + "' " + args +
                    " 2>'" + err.string() + "'";
  RunResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream e(err);
  r.err.assign(std::istreambuf_iterator<char>(e), {});
  std::filesystem::remove(err);
  return r;
}

// Writes `text` to `p`, creating its directories.
inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace dd::testing
