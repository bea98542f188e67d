// dd-rulegen rejects every malformed rule doc with `file:line: message` and
// embeds any bytes losslessly. It runs here as the build runs it, from the
// build directory next to docker-doctor.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const fs::path kRulegen = fs::path(DD_BINARY).parent_path() / "dd-rulegen";

struct Dir {
  fs::path path;
  Dir() {
    path = fs::temp_directory_path() / ("dd-rulegen-test-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter++));
    fs::create_directories(path);
  }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
  static inline int counter = 0;
};

struct GenRun {
  int status = -1;
  std::string err;
  std::string out;  // the generated file, when written
};

GenRun rulegen(const Dir& dir, const std::vector<fs::path>& docs) {
  fs::path out = dir.path / "gen" / "table.cc";
  fs::path err = dir.path / "stderr.txt";
  std::string cmd = "'" + kRulegen.string() + "' '" + out.string() + "'";
  for (const fs::path& d : docs) cmd += " '" + d.string() + "'";
  cmd += " 2>'" + err.string() + "'";
  GenRun r;
  int raw = std::system(cmd.c_str());
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  std::ifstream e(err), o(out, std::ios::binary);
  std::ostringstream es, os;
  es << e.rdbuf();
  r.err = es.str();
  if (o) {
    os << o.rdbuf();
    r.out = os.str();
  }
  return r;
}

std::string doc(const std::string& front, const std::string& body) { return "---\n" + front + "---\n" + body; }

const std::string kFront =
    "id: DD901\n"
    "name: sample-rule\n"
    "summary: A sample.\n"
    "severity: warning\n"
    "category: correctness\n"
    "scope: dockerfile\n"
    "fixable: false\n"
    "status: active\n";

const std::string kBody =
    "\n## What it does\n\nx\n\n## Why it matters\n\ny\n\n## Example\n\n"
    "```dockerfile bad\nFROM a\n```\n\n```dockerfile good\nFROM b\n```\n\n"
    "## How to fix\n\nz\n\n## See also\n\n- w\n";

// Decodes the C++ string literals that follow `marker` up to the next ';'
// (adjacent literals concatenate), handling the escapes dd-rulegen emits.
std::string decode_literal(const std::string& src, const std::string& marker) {
  size_t i = src.find(marker);
  if (i == std::string::npos) return "<marker not found>";
  std::string out;
  for (i += marker.size(); i < src.size() && src[i] != ';'; ++i) {
    if (src[i] != '"') continue;
    for (++i; i < src.size() && src[i] != '"'; ++i) {
      if (src[i] != '\\') {
        out += src[i];
        continue;
      }
      char c = src[++i];
      if (c >= '0' && c <= '7') {
        out += static_cast<char>(std::stoi(src.substr(i, 3), nullptr, 8));
        i += 2;
      } else {
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      }
    }
  }
  return out;
}

}  // namespace

TEST(RulesRulegen, AcceptsAValidDocAndEmbedsItByteForByte) {
  Dir dir;
  // Everything that could break a C++ literal or a raw string: quotes,
  // backslashes, raw-string closers, trigraph-like runs, tabs, CR, UTF-8.
  std::string tricky = "\n\"quoted\" \\back\\ )\" )EOF\" ?\?= \t tab \r\n caf\xC3\xA9 \xE2\x9C\x93 \x01\n";
  std::string text = doc(kFront, kBody + tricky);
  GenRun r = rulegen(dir, {dir.write("DD901.md", text)});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(decode_literal(r.out, "kDocDD901[] ="), text);
  EXPECT_NE(r.out.find("void check_dd901(CheckContext& ctx);"), std::string::npos);
  EXPECT_NE(r.out.find("&check_dd901"), std::string::npos);
}

TEST(RulesRulegen, EngineAndRemovedRulesGetNoCheck) {
  Dir dir;
  std::string engine = kFront + "origin: engine\n";
  std::string removed = kFront;
  removed.replace(removed.find("DD901"), 5, "DD902");
  removed.replace(removed.find("sample-rule"), 11, "old-rule");
  removed.replace(removed.find("status: active"), 14, "status: removed");
  GenRun r = rulegen(dir, {dir.write("DD901.md", doc(engine, kBody)), dir.write("DD902.md", doc(removed, kBody))});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("check_dd901"), std::string::npos);
  EXPECT_EQ(r.out.find("check_dd902"), std::string::npos);
}

// `default: off` reaches the table as the RuleInfo's last field; a rule
// without the key is on.
TEST(RulesRulegen, DefaultOffReachesTheTable) {
  Dir dir;
  std::string off = kFront + "default: off\n";
  off.replace(off.find("DD901"), 5, "DD902");
  off.replace(off.find("sample-rule"), 11, "taste-rule");
  GenRun r = rulegen(dir, {dir.write("DD901.md", doc(kFront, kBody)), dir.write("DD902.md", doc(off, kBody))});
  ASSERT_EQ(r.status, 0) << r.err;
  // The row's last two fields: removed, enabled_by_default.
  auto row_end = [&](const std::string& id) {
    size_t row = r.out.find("{\"" + id + "\", ");
    size_t end = r.out.find("},\n", row);
    std::string fields = r.out.substr(row, end - row);
    return fields.substr(fields.rfind("), ") + 3);
  };
  EXPECT_EQ(row_end("DD901"), "false, true");
  EXPECT_EQ(row_end("DD902"), "false, false");
}

struct BadCase {
  const char* what;
  std::string file;  // file name
  std::string text;
  std::string expected;  // "file:line: message" fragment
};

TEST(RulesRulegen, RejectsMalformedDocsWithFileAndLine) {
  auto replace = [](std::string s, const std::string& from, const std::string& to) {
    s.replace(s.find(from), from.size(), to);
    return s;
  };
  std::vector<BadCase> cases = {
      {"no front matter", "DD901.md", kBody, "DD901.md:1: missing YAML front matter"},
      {"id and file differ", "DD901.md", doc(replace(kFront, "DD901", "DD902"), kBody),
       "DD901.md:2: id 'DD902' does not match the file name"},
      {"malformed id", "DDx.md", doc(replace(kFront, "DD901", "DDx"), kBody), "DDx.md:2: id 'DDx' is not of the form DDnnn"},
      {"name not kebab-case", "DD901.md", doc(replace(kFront, "sample-rule", "Sample_Rule"), kBody),
       "DD901.md:3: name 'Sample_Rule' must be kebab-case"},
      {"unknown severity", "DD901.md", doc(replace(kFront, "severity: warning", "severity: fatal"), kBody),
       "DD901.md:5: severity 'fatal'"},
      {"unknown scope", "DD901.md", doc(replace(kFront, "scope: dockerfile", "scope: helm"), kBody),
       "DD901.md:7: scope 'helm'"},
      {"fixable not a bool", "DD901.md", doc(replace(kFront, "fixable: false", "fixable: maybe"), kBody),
       "DD901.md:8: fixable must be true or false"},
      {"missing key", "DD901.md", doc(replace(kFront, "category: correctness\n", ""), kBody),
       "missing required key 'category'"},
      {"unknown key", "DD901.md", doc(kFront + "severty: error\n", kBody), "DD901.md:10: unknown key 'severty'"},
      {"duplicate key", "DD901.md", doc(kFront + "severity: error\n", kBody), "DD901.md:10: duplicate key 'severity'"},
      {"invalid YAML", "DD901.md", doc(kFront + "summary: [unclosed\n", kBody), "front matter is not valid YAML"},
      {"missing section", "DD901.md", doc(kFront, replace(kBody, "## How to fix", "## How To Fix")),
       "unknown section '## How To Fix'"},
      {"section out of order", "DD901.md",
       doc(kFront, replace(replace(replace(kBody, "## What it does", "## TMP"), "## Why it matters", "## What it does"),
                           "## TMP", "## Why it matters")),
       "DD901.md:16: section '## What it does' is out of order"},
      {"no bad example", "DD901.md", doc(kFront, replace(kBody, "```dockerfile bad", "```dockerfile good")),
       "needs at least one ```dockerfile bad example"},
      {"untagged example", "DD901.md", doc(kFront, replace(kBody, "```dockerfile bad", "```dockerfile")),
       "DD901.md:22: a dockerfile example needs exactly one tag"},
      {"fixed on an unfixable rule", "DD901.md", doc(kFront, replace(kBody, "```dockerfile good", "```dockerfile fixed")),
       "DD901.md:26: a fixed example shows what the automatic fix makes"},
      {"default neither on nor off", "DD901.md", doc(kFront + "default: maybe\n", kBody),
       "DD901.md:10: default must be on or off"},
      {"unclosed code block", "DD901.md", doc(kFront, kBody + "```text\nnever closed\n"), "code block is never closed"},
  };
  for (const BadCase& c : cases) {
    Dir dir;
    GenRun r = rulegen(dir, {dir.write(c.file, c.text)});
    EXPECT_NE(r.status, 0) << c.what;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << c.what << ": stderr was:\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << c.what << ": no table may be written for a broken doc";
  }
}

TEST(RulesRulegen, RejectsDuplicateNamesAcrossFiles) {
  Dir dir;
  std::string second = kFront;
  second.replace(second.find("DD901"), 5, "DD902");
  GenRun r = rulegen(dir, {dir.write("DD901.md", doc(kFront, kBody)), dir.write("DD902.md", doc(second, kBody))});
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("DD902.md:3: name 'sample-rule' is also used by"), std::string::npos) << r.err;
}
