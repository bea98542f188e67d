// BuildKit's own parser test vectors, read in place from
// ../shared/conformance/buildkit/parser (see its README.md): every positive
// case must dump exactly like BuildKit's Node.Dump(), every negative case
// must be rejected, and multi-line instructions must span the same lines as
// upstream's TestLineInformation expects.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dockerfile/ast.h"

namespace {

namespace fs = std::filesystem;

const std::string kParserDir = DD_SOURCE_DIR "/../shared/conformance/buildkit/parser";
// The one parameter used when the data is absent, so each family still has
// a test that says why it did not run.
const std::string kMissing = "conformance_data_missing";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Each line with trailing white space removed, and trailing empty lines dropped.
std::string trim_trailing(const std::string& s) {
  std::istringstream in(s);
  std::string line, out;
  std::vector<std::string> lines;
  while (std::getline(in, line)) {
    size_t e = line.find_last_not_of(" \t\r\n");
    lines.push_back(e == std::string::npos ? std::string() : line.substr(0, e + 1));
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

std::vector<std::string> case_names(const std::string& family) {
  std::vector<std::string> names;
  std::error_code ec;
  fs::path dir = fs::path(kParserDir) / family;
  if (!fs::is_directory(dir, ec)) return {kMissing};
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  if (names.empty()) return {kMissing};
  return names;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string n = info.param;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

#define SKIP_IF_MISSING(param, family)                                              \
  if ((param) == kMissing)                                                          \
  GTEST_SKIP() << "conformance data not found at " << kParserDir << "/" << (family) \
               << " (the shared test vectors live beside the repository; users' clones lack them)"

class Dump : public testing::TestWithParam<std::string> {};

TEST_P(Dump, Matches) {
  SKIP_IF_MISSING(GetParam(), "testfiles");
  fs::path dir = fs::path(kParserDir) / "testfiles" / GetParam();
  dd::Dockerfile df = dd::parse_dockerfile(read_file(dir / "Dockerfile"));
  EXPECT_EQ(trim_trailing(dd::dump_ast(df)), trim_trailing(read_file(dir / "result")));
  // BuildKit's parser accepts these files: no syntax-level error allowed
  // (instruction-layer errors such as HEALTHCHECK CONNECT are fine here).
  for (const dd::ParseError& e : df.errors) {
    EXPECT_NE(e.layer, dd::ErrorLayer::Syntax) << "unexpected syntax error at " << e.span.start.line
                                               << ":" << e.span.start.column << ": " << e.message;
  }
}

INSTANTIATE_TEST_SUITE_P(BuildKitParser, Dump, testing::ValuesIn(case_names("testfiles")),
                         test_name);

class Rejects : public testing::TestWithParam<std::string> {};

TEST_P(Rejects, HasError) {
  SKIP_IF_MISSING(GetParam(), "testfiles-negative");
  fs::path dir = fs::path(kParserDir) / "testfiles-negative" / GetParam();
  std::string text = read_file(dir / "Dockerfile");
  dd::Dockerfile df = dd::parse_dockerfile(text);
  ASSERT_FALSE(df.errors.empty()) << "BuildKit rejects " << GetParam()
                                  << " but the parser accepted it";
  for (const dd::ParseError& e : df.errors) {
    EXPECT_FALSE(e.message.empty());
    EXPECT_LE(e.span.start.offset, e.span.end.offset);
    EXPECT_LE(e.span.end.offset, text.size());
  }
}

INSTANTIATE_TEST_SUITE_P(BuildKitParserNegative, Rejects,
                         testing::ValuesIn(case_names("testfiles-negative")), test_name);

// parser_test.go's TestLineInformation: the lines each instruction covers.
TEST(BuildKitParserLines, LineInformation) {
  fs::path file = fs::path(kParserDir) / "testfile-line" / "Dockerfile";
  std::error_code ec;
  if (!fs::exists(file, ec))
    GTEST_SKIP()
        << "conformance data not found at " << file.string()
        << " (the shared test vectors live beside the repository; users' clones lack them)";
  dd::Dockerfile df = dd::parse_dockerfile(read_file(file));
  EXPECT_TRUE(df.errors.empty());
  ASSERT_EQ(df.instructions.size(), 3u);
  const int expected[3][2] = {{5, 5}, {11, 12}, {17, 31}};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(df.instructions[i].span.start.line, expected[i][0]) << "instruction " << i;
    EXPECT_EQ(df.instructions[i].span.end.line, expected[i][1]) << "instruction " << i;
  }
  // The whole AST runs from the first instruction's line to the last one's.
  EXPECT_EQ(df.instructions.front().span.start.line, 5);
  EXPECT_EQ(df.instructions.back().span.end.line, 31);
}

}  // namespace
