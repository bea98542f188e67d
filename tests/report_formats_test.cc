// The line and XML formats (github, gnu, checkstyle), Code Climate JSON, and
// the text report's file headers and hint: escaping and edge cases.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "docker_doctor/finding.h"
#include "report/checkstyle_reporter.h"
#include "report/codeclimate_reporter.h"
#include "report/github_reporter.h"
#include "report/gnu_reporter.h"
#include "report/reporter.h"
#include "report/text_reporter.h"

namespace dd {
namespace {

using nlohmann::json;

Finding at(std::string_view text, size_t begin, size_t end, Severity severity = Severity::Warning,
           std::string message = "MAINTAINER is deprecated") {
  Finding f;
  f.rule_id = "DD601";
  f.rule_name = "maintainer-deprecated";
  f.severity = severity;
  f.message = std::move(message);
  f.file = "svc/Dockerfile";
  f.span = Span{position_at(text, begin), position_at(text, end)};
  return f;
}

Finding on(std::string_view text, std::string_view needle, Severity severity = Severity::Warning) {
  size_t begin = text.find(needle);
  EXPECT_NE(begin, std::string_view::npos) << needle;
  return at(text, begin, begin + needle.size(), severity);
}

// --- github

TEST(ReportGithub, Escaping) {
  EXPECT_EQ(github_escape_data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
  EXPECT_EQ(github_escape_property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
}

TEST(ReportGithub, OneCommandPerFinding) {
  std::string text = "FROM a\nMAINTAINER me\n";
  std::string out;
  write_github_findings(out, text, {on(text, "MAINTAINER")});
  EXPECT_EQ(out,
            "::warning file=svc/Dockerfile,line=2,endLine=2,col=1,endColumn=10,"
            "title=DD601 maintainer-deprecated::MAINTAINER is deprecated\n");
}

TEST(ReportGithub, SeveritiesAndEscapedValues) {
  std::string text = "FROM a\nMAINTAINER me\n";
  Finding f = on(text, "MAINTAINER", Severity::Error);
  f.file = "a,b:c/Dockerfile";
  f.message = "50% of\nlines: bad";
  std::string out;
  write_github_findings(out, text, {f});
  EXPECT_EQ(out,
            "::error file=a%2Cb%3Ac/Dockerfile,line=2,endLine=2,col=1,endColumn=10,"
            "title=DD601 maintainer-deprecated::50%25 of%0Alines: bad\n");
  for (Severity s : {Severity::Info, Severity::Style}) {
    out.clear();
    write_github_findings(out, text, {on(text, "MAINTAINER", s)});
    EXPECT_EQ(out.rfind("::notice ", 0), 0u) << out;
  }
}

TEST(ReportGithub, MultiLineSpansHaveNoColumns) {
  std::string text = "RUN a \\\n  b\n";
  std::string out;
  write_github_findings(out, text, {at(text, 4, 11)});
  EXPECT_EQ(out.rfind("::warning file=svc/Dockerfile,line=1,endLine=2,title=", 0), 0u) << out;
}

TEST(ReportGithub, EmptySpanMarksOneColumn) {
  std::string text = "ENV A\n";
  std::string out;
  write_github_findings(out, text, {at(text, 5, 5)});
  EXPECT_NE(out.find(",col=6,endColumn=6,"), std::string::npos) << out;
}

TEST(ReportGithub, ColumnsCountCodePoints) {
  std::string text = "RUN echo \xC3\xA9\xF0\x9F\x90\xB3 x\n";
  std::string out;
  write_github_findings(out, text, {at(text, text.find(" x") + 1, text.find(" x") + 2)});
  EXPECT_NE(out.find(",col=13,endColumn=13,"), std::string::npos) << out;
}

// --- gnu

std::string gnu(std::string_view text, const std::vector<Finding>& findings) {
  std::string out;
  write_gnu_findings(out, text, findings);
  return out;
}

TEST(ReportGnu, PointsAndRanges) {
  std::string text = "FROM a\nMAINTAINER me\n";
  EXPECT_EQ(gnu(text, {on(text, "MAINTAINER")}),
            "svc/Dockerfile:2.1-10: warning: MAINTAINER is deprecated [DD601]\n");
  EXPECT_EQ(gnu(text, {at(text, 7, 8)}),
            "svc/Dockerfile:2:1: warning: MAINTAINER is deprecated [DD601]\n");
  EXPECT_EQ(gnu(text, {at(text, 7, 7)}),
            "svc/Dockerfile:2:1: warning: MAINTAINER is deprecated [DD601]\n");
  EXPECT_EQ(gnu(text, {at(text, 5, 17, Severity::Error)}),
            "svc/Dockerfile:1.6-2.10: error: MAINTAINER is deprecated [DD601]\n");
  EXPECT_NE(gnu(text, {on(text, "me", Severity::Info)}).find(": note: "), std::string::npos);
  EXPECT_NE(gnu(text, {on(text, "me", Severity::Style)}).find(": note: "), std::string::npos);
}

TEST(ReportGnu, SpanThroughTheNewlineEndsOnItsLine) {
  std::string text = "FROM a\nCMD x\nCMD y\n";
  // "CMD x\n": its last character is the newline, one past the text of line 2.
  EXPECT_EQ(gnu(text, {at(text, 7, 13)}),
            "svc/Dockerfile:2.1-6: warning: MAINTAINER is deprecated [DD601]\n");
}

TEST(ReportGnu, ColumnsAreDisplayColumns) {
  // A tab advances to column 9; a wide character takes two columns.
  std::string text = "\tRUN \xE6\x97\xA5\xE6\x9C\xAC x\n";
  size_t x = text.find(" x") + 1;
  EXPECT_EQ(gnu(text, {at(text, x, x + 1)}).substr(0, 19), "svc/Dockerfile:1:18");
  size_t wide = text.find("\xE6\x97\xA5");
  // Two wide characters from column 13: the last starts at column 15.
  EXPECT_EQ(gnu(text, {at(text, wide, wide + 6)}).substr(0, 23), "svc/Dockerfile:1.13-15:");
}

TEST(ReportGnu, ControlCharactersDoNotReachTheTerminal) {
  std::string text = "MAINTAINER me\n";
  Finding f = on(text, "MAINTAINER");
  f.message = "evil\x1b[31m\nline";
  std::string out = gnu(text, {f});
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 1) << out;
}

TEST(ReportText, DisplayColumn) {
  EXPECT_EQ(display_column("abc", 1), 1);
  EXPECT_EQ(display_column("abc", 3), 3);
  EXPECT_EQ(display_column("abc", 4), 4);  // just past the end
  EXPECT_EQ(display_column("\tx", 2), 9);
  EXPECT_EQ(display_column("ab\tx", 4, 4), 5);
  EXPECT_EQ(display_column("\xE6\x97\xA5x", 4), 3);
}

// --- checkstyle

TEST(ReportCheckstyle, XmlEscaping) {
  EXPECT_EQ(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
  EXPECT_EQ(xml_escape("tab\tnl\ncr\r"), "tab&#9;nl&#10;cr&#13;");
  // Not allowed in XML 1.0 at all: removed.
  EXPECT_EQ(xml_escape(std::string("a\x01\x1b[0m\0b", 9)), "a[0mb");
  EXPECT_EQ(xml_escape("x\xEF\xBF\xBEy"), "xy");  // U+FFFE
  // Not UTF-8: replaced, so the document stays well-formed.
  EXPECT_EQ(xml_escape("a\xFF"), "a\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("caf\xC3\xA9 \xF0\x9F\x90\xB3"), "caf\xC3\xA9 \xF0\x9F\x90\xB3");
}

TEST(ReportCheckstyle, Document) {
  std::string text = "FROM a\nRUN \xC3\xA9 && MAINTAINER\n";
  CheckstyleReporter r;
  r.add_file(text, {});  // files without findings are left out
  Finding f = on(text, "MAINTAINER", Severity::Style);
  f.message = "use <LABEL> & \"quotes\"";
  r.add_file(text, {f});
  EXPECT_EQ(r.render(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<checkstyle version=\"4.3\">\n"
            "  <file name=\"svc/Dockerfile\">\n"
            "    <error line=\"2\" column=\"10\" severity=\"info\" "
            "message=\"use &lt;LABEL&gt; &amp; &quot;quotes&quot;\" "
            "source=\"docker-doctor.DD601.maintainer-deprecated\"/>\n"
            "  </file>\n"
            "</checkstyle>\n");
}

// --- codeclimate / gitlab

TEST(ReportCodeClimate, Issues) {
  std::string text = "FROM a\nRUN a \\\n  b\nMAINTAINER me\n";
  CodeClimateReporter r;
  Finding multi = at(text, 7, 18, Severity::Error);
  multi.rule_id = "DD604";
  r.add_file(text, {multi, on(text, "MAINTAINER", Severity::Style)});
  json issues = json::parse(r.render());
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0]["type"], "issue");
  EXPECT_EQ(issues[0]["check_name"], "DD604");
  EXPECT_EQ(issues[0]["description"], "MAINTAINER is deprecated");
  EXPECT_EQ(issues[0]["severity"], "critical");
  EXPECT_EQ(issues[0]["categories"], json::array({"Bug Risk"}));
  EXPECT_EQ(issues[0]["location"]["path"], "svc/Dockerfile");
  EXPECT_EQ(issues[0]["location"]["lines"]["begin"], 2);
  EXPECT_EQ(issues[0]["location"]["lines"]["end"], 3);
  EXPECT_EQ(issues[1]["severity"], "info");
  EXPECT_EQ(issues[1]["categories"], json::array({"Style"}));
  EXPECT_EQ(issues[0]["fingerprint"].get<std::string>().size(), 16u);
  EXPECT_NE(issues[0]["fingerprint"], issues[1]["fingerprint"]);

  CodeClimateReporter empty;
  EXPECT_EQ(empty.render(), "[]\n");
}

// --- the format table and the text report

TEST(ReportFormats, EveryListedFormatHasAReporter) {
  for (const std::string& name : report_formats())
    EXPECT_NE(make_reporter(name, {}), nullptr) << name;
  EXPECT_EQ(make_reporter("yaml", {}), nullptr);
}

TEST(ReportText, FileHeaderAndHint) {
  std::string text = "FROM a\nMAINTAINER me\n";
  std::unique_ptr<Reporter> r = make_reporter("text", {});
  EXPECT_EQ(r->add_file(text, {}), "");
  std::string out = r->add_file(text, {on(text, "MAINTAINER")});
  EXPECT_EQ(out.rfind("svc/Dockerfile (1 finding)\nsvc/Dockerfile:2:1: warning DD601", 0), 0u)
      << out;
  Tally tally;
  tally.files = 1;
  tally.add({on(text, "MAINTAINER")});
  EXPECT_EQ(r->finish(tally),
            "1 finding (1 warning) in 1 file\nRun 'docker-doctor explain DD601' for details.\n");

  tally.rules = {"DD101", "DD102", "DD103", "DD104", "DD105", "DD106", "DD107"};
  EXPECT_EQ(text_hint(tally, {}),
            "Run 'docker-doctor explain RULE' for details on DD101, DD102, DD103, DD104, DD105 "
            "and 2 more.\n");
  tally.rules = {"DD601", "DD604"};
  EXPECT_EQ(text_hint(tally, {}),
            "Run 'docker-doctor explain RULE' for details on DD601, DD604.\n");
  EXPECT_EQ(text_hint(Tally{}, {}), "");
}

}  // namespace
}  // namespace dd
