// The text reporter: location lines, excerpts with underlines, the summary.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "docker_doctor/finding.h"
#include "report/line_index.h"
#include "report/text_reporter.h"
#include "time_limits.h"

namespace dd {
namespace {

// A finding over text[begin, end) of `text`.
Finding at(std::string_view text, size_t begin, size_t end, Severity severity = Severity::Warning,
           std::string rule = "DD601", std::string message = "something is off") {
  Finding f;
  f.rule_id = std::move(rule);
  f.rule_name = "maintainer-deprecated";
  f.severity = severity;
  f.message = std::move(message);
  f.file = "services/api/Dockerfile";
  f.span = Span{position_at(text, begin), position_at(text, end)};
  return f;
}

std::string report(std::string_view text, const std::vector<Finding>& findings, bool color = false) {
  std::string out;
  TextOptions options;
  options.color = color;
  write_text_findings(out, text, findings, options);
  return out;
}

TEST(ReportText, LocationLineSourceAndUnderline) {
  std::string text = "FROM alpine:3.20\nMAINTAINER Jane Doe\n";
  std::string out = report(text, {at(text, 17, 27, Severity::Warning, "DD601", "MAINTAINER is deprecated")});
  EXPECT_EQ(out,
            "services/api/Dockerfile:2:1: warning DD601 MAINTAINER is deprecated\n"
            " 2 | MAINTAINER Jane Doe\n"
            "   | ^~~~~~~~~~\n");
}

TEST(ReportText, UnderlineStartsUnderTheSpan) {
  Excerpt e = make_excerpt("COPY --from=biuld /x /y", 13, 18, {});
  EXPECT_EQ(e.source, "COPY --from=biuld /x /y");
  EXPECT_EQ(e.underline, "            ^~~~~");
}

TEST(ReportText, EmptySpanGetsOneCaret) {
  Excerpt e = make_excerpt("ENV APP_HOME", 13, 13, {});
  EXPECT_EQ(e.underline, std::string(12, ' ') + "^");
}

TEST(ReportText, ColumnCountsCodePoints) {
  // "é" is two bytes: "apt-get" starts at byte column 16, code-point column 15.
  std::string text = "RUN echo \xC3\xA9 && apt-get install curl\n";
  size_t begin = text.find("apt-get");
  std::string out = report(text, {at(text, begin, begin + 7)});
  EXPECT_NE(out.find("Dockerfile:1:15: warning"), std::string::npos) << out;
  EXPECT_NE(out.find("   | " + std::string(14, ' ') + "^~~~~~~\n"), std::string::npos) << out;
}

TEST(ReportText, TabsExpandToTheSameStopInSourceAndUnderline) {
  // "\tRUN x": the tab fills eight cells, so RUN starts in cell 9.
  Excerpt e = make_excerpt("\tRUN x", 2, 5, {});
  EXPECT_EQ(e.source, "        RUN x");
  EXPECT_EQ(e.underline, "        ^~~");
  // A tab after text stops at the next multiple of eight.
  e = make_excerpt("RUN\tx", 5, 6, {});
  EXPECT_EQ(e.source, "RUN     x");
  EXPECT_EQ(e.underline, "        ^");
}

TEST(ReportText, WideCharactersTakeTwoCells) {
  std::string line = "RUN echo \xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E ok";  // 日本語
  Excerpt e = make_excerpt(line, 10, 19, {});
  EXPECT_EQ(e.underline, std::string(9, ' ') + "^~~~~~");  // three characters, six cells
  // Something after the wide text lines up past its six cells.
  e = make_excerpt(line, 20, 22, {});
  EXPECT_EQ(e.underline, std::string(16, ' ') + "^~");
}

TEST(ReportText, CombiningMarksTakeNoCell) {
  std::string line = "LABEL x=e\xCC\x81 y";  // e + COMBINING ACUTE ACCENT
  Excerpt e = make_excerpt(line, 13, 14, {});  // the "y"
  EXPECT_EQ(e.underline, std::string(10, ' ') + "^");
}

TEST(ReportText, ControlAndBidiCharactersNeverReachTheTerminal) {
  std::string line = "RUN echo \x1b[31mred \xE2\x80\xAE evil";  // ESC and RIGHT-TO-LEFT OVERRIDE
  Excerpt e = make_excerpt(line, 1, 4, {});
  EXPECT_EQ(e.source.find('\x1b'), std::string::npos);
  EXPECT_EQ(e.source.find("\xE2\x80\xAE"), std::string::npos);
  EXPECT_NE(e.source.find("\xEF\xBF\xBD"), std::string::npos);
  Finding f = at("x", 0, 1, Severity::Error, "DD000", "bad \x1b]0;title\x07 word");
  std::string out = report("x", {f});
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << out;
  EXPECT_EQ(out.find('\x07'), std::string::npos) << out;
}

TEST(ReportText, InvalidUtf8IsReplacedNotDropped) {
  Excerpt e = make_excerpt("RUN \xFF\xFE x", 8, 9, {});
  EXPECT_EQ(e.source, "RUN \xEF\xBF\xBD\xEF\xBF\xBD x");
  EXPECT_EQ(e.underline, std::string(7, ' ') + "^");
}

TEST(ReportText, MultiLineSpanUnderlinesToTheEndOfItsFirstLine) {
  std::string text = "FROM alpine\nRUN apt-get update && \\\n    apt-get install -y curl\n";
  size_t begin = text.find("RUN");
  size_t end = text.find("curl") + 4;
  std::string out = report(text, {at(text, begin, end)});
  // "RUN apt-get update && \\" is 23 characters.
  EXPECT_NE(out.find(" 2 | RUN apt-get update && \\\n   | ^" + std::string(22, '~') + "\n"),
            std::string::npos)
      << out;
}

TEST(ReportText, SpanAtTheEndOfALinePointsPastItsLastCharacter) {
  std::string text = "FROM alpine\nENV APP_HOME\n";
  size_t nl = text.find('\n', 12);
  std::string out = report(text, {at(text, nl, nl, Severity::Error, "DD000")});
  EXPECT_NE(out.find("Dockerfile:2:13: error DD000"), std::string::npos) << out;
  EXPECT_NE(out.find("   | " + std::string(12, ' ') + "^\n"), std::string::npos) << out;
}

TEST(ReportText, LongLinesAreCroppedAroundTheSpan) {
  std::string line = "RUN echo " + std::string(1000, 'a') + " TARGET " + std::string(1000, 'b');
  int col = static_cast<int>(line.find("TARGET")) + 1;
  TextOptions options;
  Excerpt e = make_excerpt(line, col, col + 6, options);
  EXPECT_LE(e.source.size(), static_cast<size_t>(options.max_width) + 6);
  EXPECT_EQ(e.source.substr(0, 3), "...");
  EXPECT_EQ(e.source.substr(e.source.size() - 3), "...");
  size_t caret = e.underline.find('^');
  ASSERT_NE(caret, std::string::npos);
  EXPECT_EQ(e.source.substr(caret, 6), "TARGET");
  EXPECT_EQ(e.underline.substr(caret), "^~~~~~");
}

TEST(ReportText, OutOfRangeSpansDoNotCrash) {
  std::string text = "FROM alpine\n";
  Finding f = at(text, 0, 4);
  f.span.start.line = 40;
  f.span.start.column = 300;
  f.span.end = f.span.start;
  std::string out = report(text, {f});
  EXPECT_NE(out.find("warning DD601"), std::string::npos);
  Finding g = at("", 0, 0);
  EXPECT_NE(report("", {g}).find("Dockerfile:1:1:"), std::string::npos);
}

TEST(ReportText, ColourOnlyWhenAsked) {
  std::string text = "MAINTAINER me\n";
  std::vector<Finding> findings = {at(text, 0, 10), at(text, 0, 10, Severity::Error, "DD000")};
  std::string plain = report(text, findings, false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  std::string colored = report(text, findings, true);
  EXPECT_NE(colored.find("\x1b[1;33mwarning\x1b[0m"), std::string::npos) << colored;
  EXPECT_NE(colored.find("\x1b[1;31merror\x1b[0m"), std::string::npos) << colored;
}

TEST(ReportText, Summary) {
  TextOptions plain;
  Tally none;
  none.files = 3;
  EXPECT_EQ(text_summary(none, plain), "No findings in 3 files\n");
  Tally one;
  one.files = 1;
  std::string text = "x";
  one.add({at(text, 0, 1)});
  EXPECT_EQ(text_summary(one, plain), "1 finding (1 warning) in 1 file\n");
  Tally many;
  many.files = 5;
  many.add({at(text, 0, 1, Severity::Error), at(text, 0, 1), at(text, 0, 1),
            at(text, 0, 1, Severity::Info), at(text, 0, 1, Severity::Info),
            at(text, 0, 1, Severity::Style)});
  EXPECT_EQ(many.total(), 6);
  EXPECT_EQ(text_summary(many, plain),
            "6 findings (1 error, 2 warnings, 2 info, 1 style) in 5 files\n");
}

TEST(ReportText, ManyFindingsInALargeFileStayLinear) {
  // One finding per line of a 40,000-line file: rescanning the file for each
  // finding would take billions of steps.
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "RUN echo " + std::to_string(i) + "\n";
  std::vector<Finding> findings;
  LineIndex lines(text);
  Finding f = at(text, 0, 3);
  size_t offset = 0;
  for (int i = 1; i <= 40000; ++i) {
    f.span = Span{Position{i, 1, offset}, Position{i, 4, offset + 3}};
    findings.push_back(f);
    offset += lines.line(i).size() + 1;
  }
  auto start = std::chrono::steady_clock::now();
  std::string out = report(text, findings);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, dd::test::time_limit(5.0));
  EXPECT_NE(out.find("Dockerfile:40000:1: warning"), std::string::npos);
}

TEST(ReportText, LineIndex) {
  LineIndex lines("a\r\nbb\n\nccc");
  EXPECT_EQ(lines.line_count(), 4);
  EXPECT_EQ(lines.line(1), "a");
  EXPECT_EQ(lines.line(2), "bb");
  EXPECT_EQ(lines.line(3), "");
  EXPECT_EQ(lines.line(4), "ccc");
  EXPECT_EQ(lines.line(0), "");
  EXPECT_EQ(lines.line(5), "");
}

}  // namespace
}  // namespace dd
