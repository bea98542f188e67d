// Hostile input for the Dockerfile parser: whatever the bytes, parsing ends
// with a model or an error (never a crash or a hang), in time linear in the
// input. Inputs are generated here; each test stays well under a second in
// a release build.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>

#include "dockerfile/ast.h"
#include "time_limits.h"

namespace {

using Clock = std::chrono::steady_clock;

// Generous bounds: they catch quadratic behaviour (minutes), not slow machines.
constexpr double kSecondsLimit = dd::test::time_limit(20.0);

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Parses, dumps (which walks the whole model) and checks every span stays
// inside the text.
dd::Dockerfile parse_checked(const std::string& text) {
  dd::Dockerfile df = dd::parse_dockerfile(text);
  std::string dump = dd::dump_ast(df);
  (void)dump;
  auto inside = [&](const dd::Span& s) {
    EXPECT_LE(s.start.offset, s.end.offset);
    EXPECT_LE(s.end.offset, text.size());
  };
  for (const dd::ParseError& e : df.errors) {
    EXPECT_FALSE(e.message.empty());
    EXPECT_LT(e.message.size(), 2000u) << "messages quote user text, but only a clipped part of it";
    inside(e.span);
  }
  for (const dd::Instruction& ins : df.instructions) {
    inside(ins.span);
    inside(ins.keyword_span);
    for (const dd::Word& w : ins.args) inside(w.span);
    for (const dd::Flag& f : ins.flags) inside(f.span);
  }
  return df;
}

TEST(HostileParser, EmptyFile) {
  dd::Dockerfile df = parse_checked("");
  ASSERT_EQ(df.errors.size(), 1u);
  EXPECT_NE(df.errors[0].message.find("file with no instructions"), std::string::npos);
}

TEST(HostileParser, OnlyComments) {
  dd::Dockerfile df = parse_checked("# one\n#two\n   # three\n#\n");
  ASSERT_EQ(df.errors.size(), 1u);
  EXPECT_NE(df.errors[0].message.find("file with no instructions"), std::string::npos);
  EXPECT_EQ(df.comments.size(), 4u);
}

TEST(HostileParser, BinaryGarbage) {
  std::mt19937 rng(12345);
  for (int round = 0; round < 20; ++round) {
    std::string text(64 * 1024, '\0');
    for (char& c : text) c = static_cast<char>(rng() & 0xFF);
    dd::Dockerfile df = parse_checked(text);
    EXPECT_FALSE(df.errors.empty()) << "random bytes are not a valid Dockerfile";
  }
}

TEST(HostileParser, NulBytes) {
  std::string text = std::string("FROM alp\0ine\nRUN echo \0\0\0\n", 26) + std::string(1000, '\0') +
                     "\nCMD [\"a" + std::string(1, '\0') + "\"]\n";
  dd::Dockerfile df = parse_checked(text);
  ASSERT_GE(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[0].kind, dd::Keyword::From);
  EXPECT_EQ(df.instructions[0].args[0].text, std::string("alp\0ine", 7));
  // NUL is a control character: not valid inside a JSON string.
  EXPECT_FALSE(df.instructions.back().json_form);
}

TEST(HostileParser, InvalidUtf8) {
  std::string text =
      "FROM \xC3\x28 AS \xFF\n"
      "ENV K=\xE2\x82 V=\xF0\x28\x8C\x28\n"
      "LABEL \xED\xA0\x80=x\n"
      "CMD [\"\xC0\xAF\"]\n"
      "COPY --chown=\xFE\xFF a b\n";
  dd::Dockerfile df = parse_checked(text);
  ASSERT_EQ(df.instructions.size(), 5u);
  // Go decodes invalid bytes in ENV words and JSON strings as U+FFFD.
  EXPECT_EQ(df.instructions[1].pairs[0].value.text, "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(df.instructions[3].json_form);
  EXPECT_EQ(df.instructions[3].args[0].text, "\xEF\xBF\xBD\xEF\xBF\xBD");
  // Flags went through BuildKit's byte-as-rune copy: 0xFE 0xFF print as U+00FE U+00FF.
  EXPECT_NE(dd::dump_ast(df).find("--chown=\xC3\xBE\xC3\xBF"), std::string::npos)
      << dd::dump_ast(df);
}

TEST(HostileParser, Utf16WithBom) {
  std::string utf8 = "FROM alpine\nRUN echo hi\n";
  std::string text = "\xFF\xFE";
  for (char c : utf8) {
    text += c;
    text += '\0';
  }
  dd::Dockerfile df = parse_checked(text);
  ASSERT_FALSE(df.errors.empty());
  EXPECT_NE(df.errors[0].message.find("UTF-16"), std::string::npos);
}

TEST(HostileParser, TenMegabyteSingleLine) {
  std::string text = "FROM alpine\nRUN " + std::string(10 * 1024 * 1024, 'x');
  auto start = Clock::now();
  dd::Dockerfile df = parse_checked(text);
  EXPECT_LT(seconds_since(start), kSecondsLimit);
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[1].args[0].text.size(), 10u * 1024 * 1024);
  // BuildKit cannot read a line that long: reported, and the line still parsed.
  bool too_long = false;
  for (const dd::ParseError& e : df.errors)
    too_long |= e.message.find("max allowed size") != std::string::npos;
  EXPECT_TRUE(too_long);
}

TEST(HostileParser, TenMegabyteLinesOfEveryShape) {
  const size_t n = 512 * 1024;
  std::string pairs, flags, json, words, heredocs, braces;
  for (size_t i = 0; i < n / 4; ++i) pairs += "a=b ";
  for (size_t i = 0; i < n / 8; ++i) flags += "--x=y ";
  json = "[" + std::string(n, '[');
  for (size_t i = 0; i < n / 4; ++i) words += "ab c";
  for (size_t i = 0; i < n / 8; ++i) heredocs += "<<E ";
  for (size_t i = 0; i < n / 2; ++i) braces += "${";
  // The unterminated heredocs come last: they swallow the rest of the file.
  std::string text = "FROM a\nENV " + pairs + "\nCOPY " + flags + " a b\nCMD " + json + "\nLABEL " +
                     words + "\nRUN <<EOF " + braces + "\n" + std::string(n, 'Z') + " x\nRUN " +
                     heredocs + "\n";
  auto start = Clock::now();
  dd::Dockerfile df = parse_checked(text);
  EXPECT_LT(seconds_since(start), kSecondsLimit);
  EXPECT_FALSE(df.errors.empty());
}

TEST(HostileParser, TwoHundredThousandContinuationLines) {
  std::string text = "FROM alpine\nRUN echo start \\\n";
  for (int i = 0; i < 200000; ++i) text += "  && echo line \\\n";
  text += "  && echo end\nENV ";
  for (int i = 0; i < 50000; ++i) text += "K" + std::to_string(i) + "=v \\\n";
  text += "LAST=1\n";
  auto start = Clock::now();
  dd::Dockerfile df = parse_checked(text);
  EXPECT_LT(seconds_since(start), kSecondsLimit);
  ASSERT_EQ(df.instructions.size(), 3u);
  EXPECT_TRUE(df.errors.empty());
  const dd::Word& w = df.instructions[1].args[0];
  // The last piece of the RUN maps to its own line.
  size_t end = w.text.rfind("end");
  EXPECT_EQ(w.position_of(end).line, 200003);
  EXPECT_EQ(df.instructions[2].pairs.size(), 50001u);
  EXPECT_EQ(df.instructions[2].pairs.back().key.span.start.line, 250004);
}

TEST(HostileParser, ManyShortLines) {
  std::string text;
  for (int i = 0; i < 300000; ++i) text += i % 3 == 0 ? "# c\n" : i % 3 == 1 ? "\n" : "RUN x\n";
  text = "FROM a\n" + text;
  auto start = Clock::now();
  dd::Dockerfile df = parse_checked(text);
  EXPECT_LT(seconds_since(start), kSecondsLimit);
  EXPECT_EQ(df.instructions.size(), 100001u);
}

TEST(HostileParser, UnterminatedHeredoc) {
  dd::Dockerfile df = parse_checked("FROM a\nRUN <<EOF\necho\n" + std::string(100000, '\n'));
  ASSERT_FALSE(df.errors.empty());
  EXPECT_NE(df.errors[0].message.find("unterminated heredoc"), std::string::npos);
}

TEST(HostileParser, UnterminatedJsonAndQuotes) {
  for (std::string text :
       {"FROM a\nCMD [\"never closed", "FROM a\nCMD [\"a\", ", "FROM a\nCMD [",
        "FROM a\nENV A=\"open", "FROM a\nENV A='open", "FROM a\nCOPY --chown=\"x a b",
        "FROM a\nRUN echo 'open <<EOF\nx\n", "FROM a\nRUN --mount=\"type=cache a",
        "FROM a\nLABEL \"a b\" c", "FROM a\nRUN ${"}) {
    dd::Dockerfile df = parse_checked(text);
    EXPECT_FALSE(df.instructions.empty()) << text;
  }
}

TEST(HostileParser, DeeplyNestedOnbuild) {
  std::string text = "FROM a\n";
  for (int i = 0; i < 100000; ++i) text += "ONBUILD ";
  text += "RUN x\n";
  auto start = Clock::now();
  dd::Dockerfile df = parse_checked(text);
  EXPECT_LT(seconds_since(start), kSecondsLimit);
  EXPECT_FALSE(df.errors.empty());
}

TEST(HostileParser, LoneEscapesAndCarriageReturns) {
  for (std::string text : {"\\", "\\\n\\\n\\", "FROM a\n\\\nRUN x", "\r\r\r", "FROM a\r\rRUN x\r\n",
                           "`", "# escape=`\nFROM a\nRUN x `", "FROM a\n\t\v\f \n"}) {
    parse_checked(text);
  }
}

}  // namespace
