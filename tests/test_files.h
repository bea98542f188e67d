// Small file and shell helpers the tests share: reading a file whole and
// quoting a word for /bin/sh.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace dd::testing {

// The whole file, bytes as they are; empty when it cannot be read.
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `s` as one single-quoted /bin/sh word.
inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace dd::testing
