// The build context after .dockerignore (src/project/build_context.h): which
// files are sent, which pattern excludes the rest, the bytes sent, and
// which ignore file applies.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "project/build_context.h"

namespace fs = std::filesystem;

namespace {

class Tree {
 public:
  Tree() {
    char tmpl[] = "/tmp/dd-ign-XXXXXX";
    root_ = mkdtemp(tmpl);
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string operator/(const std::string& rel) const { return root_ + "/" + rel; }
  const std::string& path() const { return root_; }
  void write(const std::string& rel, const std::string& text = "") const {
    fs::create_directories(fs::path(root_ + "/" + rel).parent_path());
    std::ofstream(root_ + "/" + rel, std::ios::binary) << text;
  }

 private:
  std::string root_;
};

std::vector<std::string> sent(const dd::BuildContextInfo& c) {
  std::vector<std::string> out;
  for (size_t i = 0; i < c.files.size(); ++i)
    if (!c.excluded(i)) out.push_back(c.files[i]);
  return out;
}

}  // namespace

TEST(ProjectContextIgnore, TheListingSaysWhatIsSentAndWhy) {
  Tree t;
  t.write("Dockerfile", "FROM scratch\n");
  t.write(".dockerignore", "# big things\nnode_modules\n*.log\n!keep.log\n");
  t.write("node_modules/a/index.js", "12345");
  t.write("app.log", "123");
  t.write("keep.log", "1234567");
  t.write("src/main.js", "12");
  dd::BuildContexts contexts;
  dd::BuildContextInfo* c = contexts.at(t.path(), ".");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->ignore_file, ".dockerignore");
  ASSERT_EQ(c->ignore_patterns.size(), 3u);
  EXPECT_EQ(c->ignore_patterns[1].written, "*.log");
  EXPECT_EQ(c->ignore_patterns[1].span.start.line, 3);
  EXPECT_TRUE(c->ignore_patterns[2].exception);
  EXPECT_EQ(sent(*c),
            (std::vector<std::string>{".dockerignore", "Dockerfile", "keep.log", "src/main.js"}));
  ASSERT_EQ(c->files.size(), c->decided_by.size());
  for (size_t i = 0; i < c->files.size(); ++i) {
    if (c->files[i] == "app.log") {
      EXPECT_EQ(c->decided_by[i], 1);
    } else if (c->files[i] == "node_modules/a/index.js") {
      EXPECT_EQ(c->decided_by[i], 0);
    } else if (c->files[i] == "keep.log") {
      EXPECT_EQ(c->decided_by[i], 2);
    }
  }
  EXPECT_EQ(c->sent_files, 4u);
  EXPECT_EQ(c->sent_bytes,
            std::string("# big things\nnode_modules\n*.log\n!keep.log\n").size() + 13 + 7 + 2);
}

TEST(ProjectContextIgnore, WithoutAnIgnoreFileEverythingIsSent) {
  Tree t;
  t.write("Dockerfile", "FROM scratch\n");
  t.write("data/x.csv", "1,2\n");
  dd::BuildContexts contexts;
  dd::BuildContextInfo* c = contexts.at(t.path(), "ctx", t / "Dockerfile", "ctx/Dockerfile");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->ignore_file.empty());
  EXPECT_EQ(c->sent_files, 2u);
  EXPECT_EQ(c->sent_bytes, 13u + 4u);
}

// BuildKit prefers `<Dockerfile name>.dockerignore` beside the Dockerfile to
// the context's own .dockerignore; other Dockerfiles of the same context
// keep the latter, and the context is walked once.
TEST(ProjectContextIgnore, TheDockerfileSpecificIgnoreFileWins) {
  Tree t;
  t.write(".dockerignore", "docs\n");
  t.write("docs/a.md");
  t.write("src/a.py");
  t.write("build/api.Dockerfile", "FROM scratch\n");
  t.write("build/api.Dockerfile.dockerignore", "src\n");
  t.write("build/Dockerfile", "FROM scratch\n");
  dd::BuildContexts contexts;
  dd::BuildContextInfo* api =
      contexts.at(t.path(), ".", t / "build/api.Dockerfile", "build/api.Dockerfile");
  ASSERT_NE(api, nullptr);
  EXPECT_EQ(api->ignore_file, "build/api.Dockerfile.dockerignore");
  std::vector<std::string> api_sent = sent(*api);
  EXPECT_NE(std::find(api_sent.begin(), api_sent.end(), "docs/a.md"), api_sent.end());
  EXPECT_EQ(std::find(api_sent.begin(), api_sent.end(), "src/a.py"), api_sent.end());

  dd::BuildContextInfo* plain =
      contexts.at(t.path(), ".", t / "build/Dockerfile", "build/Dockerfile");
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(plain->ignore_file, ".dockerignore");
  std::vector<std::string> plain_sent = sent(*plain);
  EXPECT_EQ(std::find(plain_sent.begin(), plain_sent.end(), "docs/a.md"), plain_sent.end());
  EXPECT_NE(std::find(plain_sent.begin(), plain_sent.end(), "src/a.py"), plain_sent.end());
  EXPECT_EQ(contexts.walks(), 1u);
}

TEST(ProjectContextIgnore, InvalidPatternsAreNotedWithTheirPlace) {
  Tree t;
  t.write(".dockerignore", "*.log\nsrc/[a\n");
  t.write("a.log");
  t.write("src/[a");
  dd::BuildContexts contexts;
  dd::BuildContextInfo* c = contexts.at(t.path(), "svc");
  ASSERT_NE(c, nullptr);
  std::vector<std::string> notes = contexts.take_notes();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("svc/.dockerignore:2:5: invalid pattern 'src/[a'"), std::string::npos)
      << notes[0];
  EXPECT_EQ(sent(*c), (std::vector<std::string>{".dockerignore", "src/[a"}));
}

// A context's .dockerignore that the Dockerfile's own ignore file replaces
// is not read at all, so its mistakes are not reported for that build.
TEST(ProjectContextIgnore, AnOverriddenDockerignoreIsNotRead) {
  Tree t;
  t.write(".dockerignore", "src/[a\n");
  t.write("Dockerfile", "FROM scratch\n");
  t.write("Dockerfile.dockerignore", "*.log\n");
  dd::BuildContexts contexts;
  dd::BuildContextInfo* c = contexts.at(t.path(), ".", t / "Dockerfile", "Dockerfile");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->ignore_file, "Dockerfile.dockerignore");
  EXPECT_TRUE(contexts.take_notes().empty());
}
