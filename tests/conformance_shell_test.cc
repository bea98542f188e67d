// BuildKit's own shell lexer vectors (frontend/dockerfile/shell/envVarTest
// and wordsTest), read in place from /work/shared/conformance and parsed with
// the trimming rules of BuildKit's lex_test.go. Every vector is its own test,
// named by its line number, so a regression names the line that broke.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "dockerfile/expand.h"

namespace fs = std::filesystem;

namespace {

const fs::path kShellDir =
    fs::path(DD_SOURCE_DIR) / ".." / "shared" / "conformance" / "buildkit" / "shell";

// The vectors in the pinned BuildKit commit; reading fewer means the reader
// (or the file) is broken, not that there is less to test.
constexpr size_t kEnvVarVectors = 228;
constexpr size_t kWordsVectors = 24;

struct Vector {
  int line = 0;  // 1-based line in the file; 0 when the file is missing
  std::string input;
  std::string expected;            // envVarTest: the value or "error"
  std::vector<std::string> words;  // wordsTest: the words, or {"error"}
  dd::VarMap env;
  std::string malformed;  // why the line could not be read as a vector
};

// Only the line number: gtest_discover_tests reads this back from
// --gtest_list_tests, and a printed input ending in \ or holding an odd "
// makes CMake drop the test. Failure messages show the input instead.
void PrintTo(const Vector& v, std::ostream* os) {
  *os << "line " << v.line;
}

std::string trim_space(std::string s) {
  const char* ws = " \t\r\n\v\f";
  s.erase(s.find_last_not_of(ws) + 1);
  s.erase(0, s.find_first_not_of(ws));
  return s;
}

std::string trim_left_spaces(const std::string& s) {
  const size_t at = s.find_first_not_of(' ');
  return at == std::string::npos ? "" : s.substr(at);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at; (at = s.find(sep, start)) != std::string::npos; start = at + 1) {
    out.push_back(s.substr(start, at - start));
  }
  out.push_back(s.substr(start));
  return out;
}

// Lines as bufio.Scanner yields them: split on \n, a trailing \r dropped.
std::vector<std::string> read_lines(std::ifstream& in) {
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::vector<Vector> missing_file_case() {
  return {Vector{}};
}

struct Loaded {
  std::vector<Vector> vectors;
  bool found = false;
};

const Loaded& env_var_vectors() {
  static const Loaded loaded = [] {
    Loaded l;
    std::ifstream in(kShellDir / "envVarTest", std::ios::binary);
    if (!in) return l;
    l.found = true;
    int n = 0;
    for (std::string line : read_lines(in)) {
      ++n;
      if (line.rfind('#', 0) == 0) continue;
      line = trim_space(line);
      if (line.empty()) continue;
      Vector v;
      v.line = n;
      const auto fields = split(line, '|');
      if (fields.size() != 3) {
        v.malformed = "expected 3 fields separated by |: " + line;
        l.vectors.push_back(v);
        continue;
      }
      const std::string platform = trim_space(fields[0]);
      if (platform == "W") continue;  // Windows-only expectations
      if (platform != "A" && platform != "U")
        v.malformed = "platform must be A, U or W: " + platform;
      v.input = trim_space(fields[1]);
      v.expected = trim_space(fields[2]);
      v.env = {{"PWD", "/home"}, {"SHELL", "bash"}, {"KOREAN", "한국어"}, {"NULL", ""}};
      l.vectors.push_back(v);
    }
    return l;
  }();
  return loaded;
}

const Loaded& words_vectors() {
  static const Loaded loaded = [] {
    Loaded l;
    std::ifstream in(kShellDir / "wordsTest", std::ios::binary);
    if (!in) return l;
    l.found = true;
    dd::VarMap env;
    int n = 0;
    for (const std::string& line : read_lines(in)) {
      ++n;
      if (line.rfind('#', 0) == 0) continue;
      if (line.rfind("ENV ", 0) == 0) {
        // As BuildKit's BuildEnvs: split at the first '=', keep trailing
        // spaces (the file relies on them), a later value wins.
        const std::string kv = trim_left_spaces(line.substr(3));
        const size_t eq = kv.find('=');
        if (eq == std::string::npos) {
          env[kv] = "";
        } else {
          env[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
        continue;
      }
      Vector v;
      v.line = n;
      const auto fields = split(line, '|');
      if (fields.size() != 2) {
        v.malformed = "expected exactly one |: " + line;
      } else {
        v.input = trim_space(fields[0]);
        v.words = split(trim_left_spaces(fields[1]), ',');
      }
      v.env = env;
      l.vectors.push_back(v);
    }
    return l;
  }();
  return loaded;
}

std::vector<Vector> env_var_params() {
  const auto& l = env_var_vectors();
  return l.found ? l.vectors : missing_file_case();
}

std::vector<Vector> words_params() {
  const auto& l = words_vectors();
  return l.found ? l.vectors : missing_file_case();
}

std::string vector_name(const testing::TestParamInfo<Vector>& info) {
  return info.param.line == 0 ? std::string("Missing") : "Line" + std::to_string(info.param.line);
}

class EnvVarTest : public testing::TestWithParam<Vector> {};
class WordsTest : public testing::TestWithParam<Vector> {};

TEST_P(EnvVarTest, Expands) {
  const Vector& v = GetParam();
  if (v.line == 0)
    GTEST_SKIP() << "BuildKit shell vectors not found: " << (kShellDir / "envVarTest").string();
  ASSERT_TRUE(v.malformed.empty()) << v.malformed;
  const dd::ExpandResult r = dd::expand_word(v.input, v.env);
  if (v.expected == "error") {
    EXPECT_FALSE(r.ok) << "input " << v.input << " expanded to " << r.value;
    EXPECT_FALSE(r.error.empty());
    EXPECT_LE(r.error_offset, v.input.size());
  } else {
    ASSERT_TRUE(r.ok) << "input " << v.input << ": " << r.error;
    EXPECT_EQ(r.value, v.expected) << "input " << v.input;
  }
}

TEST_P(WordsTest, Splits) {
  const Vector& v = GetParam();
  if (v.line == 0)
    GTEST_SKIP() << "BuildKit shell vectors not found: " << (kShellDir / "wordsTest").string();
  ASSERT_TRUE(v.malformed.empty()) << v.malformed;
  const dd::ExpandResult r = dd::expand_words(v.input, v.env);
  const std::vector<std::string> got = r.ok ? r.words : std::vector<std::string>{"error"};
  EXPECT_EQ(got, v.words) << "input " << v.input << (r.ok ? "" : ": " + r.error);
}

INSTANTIATE_TEST_SUITE_P(ShellConformance, EnvVarTest, testing::ValuesIn(env_var_params()),
                         vector_name);
INSTANTIATE_TEST_SUITE_P(ShellConformance, WordsTest, testing::ValuesIn(words_params()),
                         vector_name);

TEST(ShellConformance, ReadsEveryVector) {
  const auto& env = env_var_vectors();
  const auto& words = words_vectors();
  if (!env.found || !words.found)
    GTEST_SKIP() << "BuildKit shell vectors not found under " << kShellDir.string();
  EXPECT_GE(env.vectors.size(), kEnvVarVectors);
  EXPECT_GE(words.vectors.size(), kWordsVectors);
}

}  // namespace
