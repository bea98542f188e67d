// The rule registry holds together: every rules/*.md that needs a check has
// exactly one check_ddNNN definition under src/rules/ (in a file named after
// the rule, opening with a line that names it) and every check_ddNNN has a
// rule doc; ids are well-formed and names unique and kebab-case.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "docker_doctor/rule.h"
#include "rules/check.h"
#include "rules/compose_check.h"
#include "rules/project_check.h"
#include "rules/rule_doc.h"

#include "test_files.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = DD_SOURCE_DIR;

using dd::testing::slurp;

struct DocMeta {
  std::string id, name, status = "active", origin = "check";
};

std::map<std::string, DocMeta> read_docs() {
  std::map<std::string, DocMeta> docs;
  for (const auto& entry : fs::directory_iterator(kRoot / "rules")) {
    std::string file = entry.path().filename().string();
    if (file.rfind("DD", 0) != 0 || entry.path().extension() != ".md") continue;
    std::string text = slurp(entry.path());
    dd::ruledoc::FrontMatter fm = dd::ruledoc::split_front_matter(text);
    DocMeta m;
    if (fm.found) {
      YAML::Node n = YAML::Load(std::string(fm.yaml));
      m.id = n["id"].as<std::string>("");
      m.name = n["name"].as<std::string>("");
      m.status = n["status"].as<std::string>("active");
      m.origin = n["origin"].as<std::string>("check");
    }
    docs[entry.path().stem().string()] = m;
  }
  return docs;
}

// check_ddNNN definitions (not declarations) in src/rules/, by id.
std::map<std::string, std::vector<std::string>> check_definitions() {
  std::map<std::string, std::vector<std::string>> defs;
  // Each scope's checks take that scope's context (CheckContext, ProjectCheckContext, ...).
  std::regex def(R"(void\s+check_dd(\d{3})\s*\(\s*\w*CheckContext\s*&\s*\w*\s*\)\s*\{)");
  for (const auto& entry : fs::recursive_directory_iterator(kRoot / "src" / "rules")) {
    if (entry.path().extension() != ".cc") continue;
    std::string text = slurp(entry.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), def);
         it != std::sregex_iterator(); ++it)
      defs["DD" + (*it)[1].str()].push_back(fs::relative(entry.path(), kRoot).generic_string());
  }
  return defs;
}

}  // namespace

TEST(RulesRegistry, TableMatchesRuleFiles) {
  std::set<std::string> files, table;
  for (const auto& [id, meta] : read_docs()) files.insert(id);
  for (const dd::RuleInfo& r : dd::all_rules()) table.insert(std::string(r.id));
  EXPECT_EQ(files, table) << "the build's rule table is stale or a rules/*.md was not picked up";
}

TEST(RulesRegistry, EveryRuleHasExactlyOneCheckAndViceVersa) {
  std::map<std::string, DocMeta> docs = read_docs();
  std::map<std::string, std::vector<std::string>> defs = check_definitions();
  for (const auto& [id, meta] : docs) {
    bool needs_check = meta.status == "active" && meta.origin == "check";
    auto it = defs.find(id);
    size_t count = it == defs.end() ? 0 : it->second.size();
    if (needs_check) {
      EXPECT_EQ(count, 1u) << "rules/" << id << ".md needs exactly one `void check_"
                           << "dd" << id.substr(2)
                           << "(...CheckContext&)` definition under src/rules/, found " << count;
      if (count == 1) {
        std::string underscored = meta.name;
        for (char& c : underscored)
          if (c == '-') c = '_';
        std::string expected = "src/rules/dd" + id.substr(2) + "_" + underscored + ".cc";
        EXPECT_EQ(it->second.front(), expected)
            << "a rule's check lives in a file named after the rule";
        std::string text = slurp(kRoot / it->second.front());
        std::string first_line = text.substr(0, text.find('\n'));
        EXPECT_EQ(first_line.rfind("// " + id + " " + meta.name + " (rules/" + id + ".md)", 0), 0u)
            << it->second.front() << " must open with `// " << id << " " << meta.name << " (rules/"
            << id << ".md): ...`, found: " << first_line;
      }
    } else {
      EXPECT_EQ(count, 0u) << "rules/" << id << ".md is "
                           << (meta.status == "removed" ? "removed" : "engine-reported")
                           << " and must have no check function";
    }
  }
  for (const auto& [id, files] : defs)
    EXPECT_TRUE(docs.count(id)) << files.front() << " defines check_dd" << id.substr(2)
                                << " but there is no rules/" << id << ".md";
}

TEST(RulesRegistry, GeneratedCheckListMatchesTheDocs) {
  std::set<std::string> expected, generated;
  for (const auto& [id, meta] : read_docs())
    if (meta.status == "active" && meta.origin == "check") expected.insert(id);
  for (const dd::RuleCheck& rc : dd::rule_checks()) {
    EXPECT_TRUE(generated.insert(std::string(rc.id)).second) << rc.id << " is listed twice";
    EXPECT_NE(rc.check, nullptr);
    EXPECT_EQ(dd::find_rule(rc.id)->scope, dd::RuleScope::Dockerfile) << rc.id;
  }
  for (const dd::ProjectRuleCheck& pc : dd::project_rule_checks()) {
    EXPECT_TRUE(generated.insert(std::string(pc.id)).second) << pc.id << " is listed twice";
    EXPECT_NE(pc.check, nullptr);
    EXPECT_EQ(dd::find_rule(pc.id)->scope, dd::RuleScope::Project) << pc.id;
  }
  for (const dd::ComposeRuleCheck& rc : dd::compose_rule_checks()) {
    EXPECT_TRUE(generated.insert(std::string(rc.id)).second) << rc.id << " is listed twice";
    EXPECT_NE(rc.check, nullptr);
    EXPECT_EQ(dd::find_rule(rc.id)->scope, dd::RuleScope::Compose) << rc.id;
  }
  EXPECT_EQ(expected, generated);
}

TEST(RulesRegistry, IdsAndNamesAreWellFormedAndUnique) {
  std::regex id_form("DD[0-9]{3}");
  std::regex name_form("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  std::set<std::string_view> names;
  std::string_view previous;
  for (const dd::RuleInfo& r : dd::all_rules()) {
    EXPECT_TRUE(std::regex_match(std::string(r.id), id_form)) << r.id;
    EXPECT_TRUE(std::regex_match(std::string(r.name), name_form)) << r.id << ": " << r.name;
    EXPECT_TRUE(names.insert(r.name).second) << "name " << r.name << " is used twice";
    EXPECT_LT(previous, r.id) << "all_rules() must be sorted by id";
    previous = r.id;
    EXPECT_FALSE(r.summary.empty()) << r.id;
    EXPECT_FALSE(r.doc_body.empty()) << r.id;
    EXPECT_EQ(r.doc.substr(r.doc.size() - r.doc_body.size()), r.doc_body) << r.id;
    // The table finds a rule by either handle, ids case-insensitively.
    EXPECT_EQ(dd::find_rule(r.id), &r);
    EXPECT_EQ(dd::find_rule(r.name), &r);
    std::string lower(r.id);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(dd::find_rule(lower), &r);
  }
  EXPECT_EQ(dd::find_rule("DD999x"), nullptr);
  EXPECT_EQ(dd::find_rule(""), nullptr);
}

// The doc embedded in the binary is the file, byte for byte: the generator's
// escaping loses nothing.
TEST(RulesRegistry, EmbeddedDocsAreTheFiles) {
  for (const dd::RuleInfo& r : dd::all_rules())
    EXPECT_EQ(r.doc, slurp(kRoot / "rules" / (std::string(r.id) + ".md"))) << r.id;
}

// Cross references in the docs ("DD603 (`duplicate-stage-name`)") name rules
// that exist, by their current name.
TEST(RulesRegistry, DocCrossReferencesNameRealRules) {
  std::regex ref(R"((DD\d{3}) \(`([a-z0-9-]+)`\))");
  for (const dd::RuleInfo& r : dd::all_rules()) {
    std::string body(r.doc_body);
    for (auto it = std::sregex_iterator(body.begin(), body.end(), ref);
         it != std::sregex_iterator(); ++it) {
      const dd::RuleInfo* target = dd::find_rule((*it)[1].str());
      ASSERT_NE(target, nullptr) << r.id << " refers to " << (*it)[1] << ", which does not exist";
      EXPECT_EQ(target->name, (*it)[2].str())
          << r.id << " refers to " << (*it)[1] << " by an old name";
    }
  }
}
