// Every rule's documentation runs: a `bad` example fires the rule, `good`
// and `fixed` ones do not, and a bad example's fixes, applied and re-linted
// until nothing changes, converge and silence the rule (and, when the doc
// shows a `fixed` example, produce exactly it).
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "docker_doctor/linter.h"
#include "docker_doctor/rule.h"
#include "compose/loader.h"
#include "lint/compose_run.h"
#include "project/build_context.h"
#include "project/context_manifests.h"
#include "cli/compose_builds.h"
#include "rules/check.h"
#include "rules/compose_check.h"
#include "rules/project_check.h"
#include "rules/rule_doc.h"

namespace {

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const dd::RuleInfo& r : dd::all_rules()) ids.emplace_back(r.id);
  return ids;
}

std::vector<dd::Finding> of_rule(const std::vector<dd::Finding>& all, std::string_view id) {
  std::vector<dd::Finding> out;
  for (const dd::Finding& f : all)
    if (f.rule_id == id) out.push_back(f);
  return out;
}

bool has_check(std::string_view id) {
  for (const dd::RuleCheck& rc : dd::rule_checks())
    if (rc.id == id) return true;
  for (const dd::ProjectRuleCheck& pc : dd::project_rule_checks())
    if (pc.id == id) return true;
  for (const dd::ComposeRuleCheck& rc : dd::compose_rule_checks())
    if (rc.id == id) return true;
  return false;
}

bool is_compose(std::string_view id) {
  const dd::RuleInfo* r = dd::find_rule(id);
  return r && r->scope == dd::RuleScope::Compose;
}

// Examples show their rule at work: every `default: off` rule runs here, as
// if the configuration turned it on (findings are filtered by rule anyway).
const dd::LintOptions& doc_options() {
  static const dd::LintOptions options = [] {
    dd::LintOptions o;
    for (const dd::RuleInfo& r : dd::all_rules())
      if (!r.enabled_by_default) o.enabled_rules.push_back(std::string(r.id));
    return o;
  }();
  return options;
}

// A compose-scope rule's example: a compose.yaml alone in an otherwise empty
// project directory (no .env, no .dockerignore, no environment variables, so
// it means the same on every machine).
std::vector<dd::Finding> lint_compose_example(const std::string& code) {
  namespace fs = std::filesystem;
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("dd-doc-examples-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
  }();
  const std::string path = (dir / "compose.yaml").string();
  dd::compose::LoadOptions options;
  options.read_dotenv = false;
  options.read_file = [&code, &path](const std::string& p, std::string* text, std::string* error) {
    if (p != path) {
      *error = p + ": not part of the example";
      return false;
    }
    *text = code;
    return true;
  };
  // The example's directory holds nothing else: every env_file is missing.
  options.read_env_file = [](const std::string&) {
    dd::compose::EnvFileRead r;
    r.state = dd::compose::EnvFile::State::Missing;
    return r;
  };
  dd::compose::Project project = dd::compose::load_project({{path, "compose.yaml"}}, options);
  dd::ServiceBuilds builds = dd::cli::read_service_builds(project);
  return dd::lint_compose_project(project, doc_options(), &builds);
}

// A block's `file=PATH` tag, or "Dockerfile".
std::string file_tag(const dd::ruledoc::CodeBlock& b) {
  for (const std::string& t : b.tags)
    if (t.rfind("file=", 0) == 0) return t.substr(5);
  return "Dockerfile";
}

// A project rule's example: consecutive blocks with the same tag, a new
// example starting when the tag changes or a path repeats. Its files are
// linted together, as one repository whose build context holds them all.
struct ProjectExample {
  std::string tag;
  int line = 0;
  std::vector<const dd::ruledoc::CodeBlock*> blocks;
};

std::vector<ProjectExample> project_examples(const dd::ruledoc::Body& body) {
  std::vector<ProjectExample> out;
  for (const dd::ruledoc::CodeBlock& b : body.blocks) {
    if (b.language != "dockerfile") continue;
    std::string tag = b.has_tag("bad") ? "bad" : b.has_tag("good") ? "good" : "fixed";
    bool repeat = !out.empty() && std::any_of(out.back().blocks.begin(), out.back().blocks.end(),
                                              [&](const auto* x) { return file_tag(*x) == file_tag(b); });
    if (out.empty() || out.back().tag != tag || repeat) out.push_back({tag, b.line, {}});
    out.back().blocks.push_back(&b);
  }
  return out;
}

std::vector<dd::Finding> lint_example(const ProjectExample& example, std::string_view id) {
  dd::BuildContextInfo context;
  context.dir = ".";
  for (const auto* b : example.blocks) context.files.push_back(file_tag(*b));
  std::sort(context.files.begin(), context.files.end());
  std::vector<dd::DockerfileInput> inputs;
  for (const auto* b : example.blocks) {
    dd::DockerfileInput in;
    in.file.path = file_tag(*b);
    in.file.context = &context;
    in.text = b->code;
    inputs.push_back(std::move(in));
  }
  std::vector<dd::Finding> all;
  for (auto& findings : dd::lint_dockerfiles(inputs, doc_options()))
    for (dd::Finding& f : of_rule(findings, id)) all.push_back(std::move(f));
  return all;
}

std::string listing(const std::vector<dd::Finding>& findings) {
  std::string s;
  for (const dd::Finding& f : findings)
    s += "  " + std::to_string(f.span.start.line) + ":" + std::to_string(f.span.start.column) + " " + f.rule_id +
         " " + f.message + "\n";
  return s;
}

// The build context a rule's examples are linted in. Rules about the
// repository show its files in the Example section: fenced blocks of another
// language tagged `file=PATH`, and a `text files` block (more paths, one a
// line). The Dockerfile examples are then linted as `Dockerfile` at the root
// of that context. Without such blocks, as an editor buffer: no context.
class DocContext {
 public:
  explicit DocContext(const dd::ruledoc::Body& body) {
    std::map<std::string, std::string> manifests;  // path -> text, for the workspace model
    for (const dd::ruledoc::CodeBlock& b : body.blocks) {
      if (b.language == "dockerfile") continue;
      for (const std::string& t : b.tags) {
        if (t.rfind("file=", 0) != 0) continue;
        info_.files.push_back(t.substr(5));
        if (dd::ContextManifests::is_manifest(info_.files.back())) manifests[info_.files.back()] = b.code;
      }
      if (b.language == "text" && b.has_tag("files")) {
        std::istringstream in(b.code);
        for (std::string line; std::getline(in, line);)
          if (!line.empty()) info_.files.push_back(line);
      }
    }
    if (info_.files.empty()) return;
    std::sort(info_.files.begin(), info_.files.end());
    info_.dir = ".";
    std::vector<std::string> locks;
    for (const std::string& p : info_.files)
      if (dd::ContextManifests::is_lockfile(p)) locks.push_back(p);
    info_.manifests = dd::ContextManifests::from_texts(manifests, std::move(locks));
    file_.path = "Dockerfile";
    file_.context = &info_;
  }
  DocContext(const DocContext&) = delete;
  DocContext& operator=(const DocContext&) = delete;

  // Compose-scope rules' examples are compose files.
  bool compose = false;

  std::vector<dd::Finding> lint(const std::string& text) const {
    if (compose) return lint_compose_example(text);
    return file_.context ? dd::lint_dockerfile_text(file_, text, doc_options())
                         : dd::lint_dockerfile_text("Dockerfile", text, doc_options());
  }

 private:
  dd::BuildContextInfo info_;
  dd::FileInfo file_;
};

// Applies the rule's fixes until the text stops changing; returns the last
// text, or an error if it keeps changing.
bool fix_until_stable(const DocContext& doc, std::string_view id, std::string text, std::string& out, int& rounds) {
  for (rounds = 0; rounds < 10; ++rounds) {
    std::vector<dd::Fix> fixes;
    for (const dd::Finding& f : of_rule(doc.lint(text), id))
      if (f.fix) fixes.push_back(*f.fix);
    dd::FixResult r = dd::apply_fixes(text, fixes);
    if (r.text == text) {
      out = text;
      return true;
    }
    text = std::move(r.text);
  }
  out = text;
  return false;
}

// A build context an example is linted with: a ```context block lists its
// files (`path [size in bytes]`, one a line), an optional ```dockerignore
// block after it gives the context's .dockerignore. They apply to the
// dockerfile examples that follow, up to the next ```context block.
struct DiskContext {
  std::string tree;
  std::optional<std::string> dockerignore;
};

// Lints `code` as the Dockerfile at the top of the example's context,
// materialised in a temporary directory (sizes as sparse files).
std::vector<dd::Finding> lint_in_context(const std::string& code, const DiskContext& c) {
  namespace fs = std::filesystem;
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() /
                 ("dd-doc-context-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::istringstream lines(c.tree);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string path;
    unsigned long long size = 0;
    if (!(words >> path)) continue;
    words >> size;
    fs::create_directories((dir / path).parent_path());
    std::ofstream(dir / path, std::ios::binary).close();
    fs::resize_file(dir / path, size);
  }
  std::ofstream(dir / "Dockerfile", std::ios::binary) << code;
  if (c.dockerignore) std::ofstream(dir / ".dockerignore", std::ios::binary) << *c.dockerignore;
  dd::BuildContexts contexts;
  dd::FileInfo file;
  file.path = "Dockerfile";
  file.context = contexts.at(dir.string(), ".", (dir / "Dockerfile").string(), "Dockerfile");
  std::vector<dd::Finding> findings = dd::lint_dockerfile_text(file, code, doc_options());
  fs::remove_all(dir);
  return findings;
}

// An example with a ```context of its own is linted on disk in it; the
// others as the doc's shared context (DocContext) says.
std::vector<dd::Finding> lint_example(const dd::ruledoc::CodeBlock& b,
                                      const std::map<const dd::ruledoc::CodeBlock*, DiskContext>& contexts,
                                      const DocContext& doc) {
  auto it = contexts.find(&b);
  if (it == contexts.end()) return doc.lint(b.code);
  return lint_in_context(b.code, it->second);
}

class RuleDocs : public testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(RuleDocs, ExamplesBehaveAsDocumented) {
  const dd::RuleInfo* rule = dd::find_rule(GetParam());
  ASSERT_NE(rule, nullptr);
  std::string id(rule->id);
  dd::ruledoc::Body body = dd::ruledoc::parse_body(rule->doc_body);
  std::vector<const dd::ruledoc::CodeBlock*> bad, good, fixed;
  std::map<const dd::ruledoc::CodeBlock*, DiskContext> contexts;
  std::optional<DiskContext> context;
  for (const dd::ruledoc::CodeBlock& b : body.blocks) {
    if (b.language == "context") context = DiskContext{b.code, std::nullopt};
    if (b.language == "dockerignore" && context) context->dockerignore = b.code;
    if (b.language != (is_compose(id) ? "yaml" : "dockerfile")) continue;
    if (context) contexts[&b] = *context;
    if (b.has_tag("bad")) bad.push_back(&b);
    if (b.has_tag("good")) good.push_back(&b);
    if (b.has_tag("fixed")) fixed.push_back(&b);
  }
  if (rule->removed || !has_check(id)) {
    // Removed and engine-reported rules cannot be shown by a Dockerfile.
    EXPECT_TRUE(bad.empty()) << id << " has no check, so its bad examples can never fire";
    GTEST_SKIP() << id << " is " << (rule->removed ? "removed" : "reported by the engine") << ": no examples to run";
  }
  ASSERT_FALSE(bad.empty());
  ASSERT_FALSE(good.empty());

  if (rule->scope == dd::RuleScope::Project) {
    ASSERT_FALSE(rule->fixable) << id << ": fixes of project rules are not supported by this test yet";
    for (const ProjectExample& example : project_examples(body)) {
      std::vector<dd::Finding> findings = lint_example(example, id);
      if (example.tag == "bad")
        EXPECT_FALSE(findings.empty()) << "rules/" << id << ".md: the bad example at doc line " << example.line
                                       << " does not fire " << id;
      else
        EXPECT_TRUE(findings.empty()) << "rules/" << id << ".md: the " << example.tag << " example at doc line "
                                      << example.line << " fires " << id << ":\n" << listing(findings);
    }
    return;
  }

  DocContext doc(body);
  doc.compose = is_compose(id);
  bool any_fix = false;
  std::string last_fixed;
  for (const auto* b : bad) {
    std::vector<dd::Finding> findings = of_rule(lint_example(*b, contexts, doc), id);
    EXPECT_FALSE(findings.empty()) << "rules/" << id << ".md: the bad example at doc line " << b->line
                                   << " does not fire " << id;
    bool fixable = false;
    for (const dd::Finding& f : findings) fixable = fixable || f.fix.has_value();
    if (!fixable) continue;
    any_fix = true;
    std::string result;
    int rounds = 0;
    ASSERT_TRUE(fix_until_stable(doc, id, b->code, result, rounds))
        << "rules/" << id << ".md: fixing the bad example at doc line " << b->line
        << " keeps changing the text after 10 rounds:\n" << result;
    std::vector<dd::Finding> after = of_rule(doc.lint(result), id);
    EXPECT_TRUE(after.empty()) << "rules/" << id << ".md: after fixing the bad example at doc line " << b->line
                               << ", " << id << " still fires:\n" << listing(after) << "fixed text:\n" << result;
    // The fix must leave a file that parses.
    EXPECT_TRUE(of_rule(doc.lint(result), "DD000").empty())
        << "rules/" << id << ".md: the fix of the bad example at doc line " << b->line
        << " leaves a parse error:\n" << result;
    last_fixed = result;
  }
  EXPECT_EQ(any_fix, rule->fixable) << "rules/" << id << ".md says fixable: " << (rule->fixable ? "true" : "false")
                                    << " but its bad examples " << (any_fix ? "do" : "do not") << " come with fixes";

  for (const auto* g : good) {
    std::vector<dd::Finding> findings = of_rule(lint_example(*g, contexts, doc), id);
    EXPECT_TRUE(findings.empty()) << "rules/" << id << ".md: the good example at doc line " << g->line
                                  << " fires " << id << ":\n" << listing(findings);
  }
  for (const auto* f : fixed) {
    std::vector<dd::Finding> findings = of_rule(lint_example(*f, contexts, doc), id);
    EXPECT_TRUE(findings.empty()) << "rules/" << id << ".md: the fixed example at doc line " << f->line
                                  << " fires " << id << ":\n" << listing(findings);
  }
  // A `fixed` example shows what the automatic fix produces: it must be it.
  if (!fixed.empty()) {
    ASSERT_EQ(bad.size(), 1u) << "rules/" << id << ".md: a fixed example needs exactly one bad example to be the fix of";
    EXPECT_EQ(last_fixed, fixed.front()->code)
        << "rules/" << id << ".md: the fixed example at doc line " << fixed.front()->line
        << " is not what the fix makes of the bad example";
  }
}

INSTANTIATE_TEST_SUITE_P(AllRules, RuleDocs, testing::ValuesIn(rule_ids()),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });
