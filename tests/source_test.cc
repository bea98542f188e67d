// Position helpers of src/core/source.cc, and their agreement with the
// positions the Dockerfile parser computes in one pass.
#include <gtest/gtest.h>

#include <string>

#include "docker_doctor/source.h"
#include "dockerfile/ast.h"

namespace {

TEST(Source, PositionAtCountsLinesAndByteColumns) {
  std::string text = "ab\ncd\r\n\xC3\xA9x\n";
  dd::Position p = dd::position_at(text, 0);
  EXPECT_EQ(p.line, 1);
  EXPECT_EQ(p.column, 1);
  p = dd::position_at(text, 4);  // 'd'
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.column, 2);
  EXPECT_EQ(p.offset, 4u);
  p = dd::position_at(text, 5);  // '\r' is a byte of line 2
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.column, 3);
  p = dd::position_at(text, 9);  // 'x' after the two bytes of U+00E9
  EXPECT_EQ(p.line, 3);
  EXPECT_EQ(p.column, 3);
}

TEST(Source, PositionAtClampsToTheEnd) {
  std::string text = "ab\nc";
  dd::Position p = dd::position_at(text, 100);
  EXPECT_EQ(p.offset, text.size());
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.column, 2);
  p = dd::position_at("", 5);
  EXPECT_EQ(p.offset, 0u);
  EXPECT_EQ(p.line, 1);
  EXPECT_EQ(p.column, 1);
  // Just after a final newline: the start of an empty last line.
  p = dd::position_at("a\n", 2);
  EXPECT_EQ(p.line, 2);
  EXPECT_EQ(p.column, 1);
}

TEST(Source, LineText) {
  std::string text = "first\r\nsecond\n\nlast";
  EXPECT_EQ(dd::line_text(text, 1), "first");  // the CR of CRLF is not part of the line
  EXPECT_EQ(dd::line_text(text, 2), "second");
  EXPECT_EQ(dd::line_text(text, 3), "");
  EXPECT_EQ(dd::line_text(text, 4), "last");
  EXPECT_EQ(dd::line_text(text, 5), "");
  EXPECT_EQ(dd::line_text(text, 0), "first");
  EXPECT_EQ(dd::line_text("", 1), "");
}

TEST(Source, CodepointAndUtf16Columns) {
  // "é" is 2 bytes, "€" 3 bytes, "😀" 4 bytes (a surrogate pair in UTF-16).
  std::string line = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x";
  int x_byte_column = 1 + 2 + 3 + 4;
  EXPECT_EQ(dd::codepoint_column(line, x_byte_column), 4);
  EXPECT_EQ(dd::utf16_column(line, x_byte_column), 5);
  EXPECT_EQ(dd::codepoint_column(line, 1), 1);
  EXPECT_EQ(dd::utf16_column(line, 1), 1);
  EXPECT_EQ(dd::codepoint_column("abc", 3), 3);
  // A column just past the end of the line (a span ending on the newline).
  EXPECT_EQ(dd::codepoint_column("\xC3\xA9", 4), 3);
  EXPECT_EQ(dd::codepoint_column("ab", 5), 5);
  // Invalid UTF-8 counts one column per byte.
  EXPECT_EQ(dd::codepoint_column("\xFF\xFEx", 3), 3);
}

TEST(Source, EmptySpan) {
  dd::Span s{dd::position_at("abc", 1), dd::position_at("abc", 1)};
  EXPECT_TRUE(s.empty());
  dd::Span t{dd::position_at("abc", 1), dd::position_at("abc", 2)};
  EXPECT_FALSE(t.empty());
}

// Every position the parser hands out agrees with the slow reference.
TEST(Source, ParserPositionsMatchPositionAt) {
  std::string text =
      "\xEF\xBB\xBF# syntax=x\r\n"
      "FROM a AS b\r\n"
      "RUN --mount=type=cache,target=/c \\\r\n"
      "   echo \xC3\xA9 \\\n"
      "# comment\n"
      "\n"
      "  && true\n"
      "ENV A=1 \\\n B=\"x y\"\n"
      "COPY <<EOF /x\n"
      "body\n"
      "EOF\n"
      "CMD [\"a\\tb\", \"c\"]\n";
  dd::Dockerfile df = dd::parse_dockerfile(text);
  ASSERT_TRUE(df.errors.empty());
  auto check = [&](const dd::Position& p) {
    dd::Position ref = dd::position_at(text, p.offset);
    EXPECT_EQ(p.line, ref.line) << "offset " << p.offset;
    EXPECT_EQ(p.column, ref.column) << "offset " << p.offset;
  };
  auto check_span = [&](const dd::Span& s) {
    check(s.start);
    check(s.end);
  };
  auto check_word = [&](const dd::Word& w) {
    check_span(w.span);
    for (size_t i = 0; i <= w.text.size(); ++i) check(w.position_of(i));
  };
  for (const dd::Instruction& ins : df.instructions) {
    check_span(ins.span);
    check_span(ins.keyword_span);
    for (const dd::Word& w : ins.args) check_word(w);
    for (const dd::Flag& f : ins.flags) {
      check_span(f.span);
      check_span(f.value_span);
    }
    for (const dd::KeyValue& kv : ins.pairs) {
      check_word(kv.key);
      check_word(kv.value);
    }
    for (const dd::Heredoc& h : ins.heredocs) {
      check_span(h.header_span);
      check_span(h.body_span);
    }
  }
  for (const dd::Comment& c : df.comments) check_span(c.span);
  for (const dd::Directive& d : df.directives) check_span(d.span);
}

}  // namespace
