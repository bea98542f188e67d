// Unit tests of the Dockerfile parser (src/dockerfile/parser.cc and the
// instruction layer), spans included: every feature BuildKit's parser has,
// checked on small inputs written next to the expectations.
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <string_view>

#include "dockerfile/ast.h"

namespace {

using dd::ErrorLayer;
using dd::Keyword;
using dd::parse_dockerfile;

// The source text a span covers.
std::string at(const dd::Dockerfile& df, const dd::Span& s) {
  return df.text.substr(s.start.offset, s.end.offset - s.start.offset);
}

std::string errors_of(const dd::Dockerfile& df) {
  std::string out;
  for (const dd::ParseError& e : df.errors)
    out += std::to_string(e.span.start.line) + ":" + std::to_string(e.span.start.column) + " " +
           e.message + "\n";
  return out;
}

// The first error whose message contains `needle`, or nullptr.
const dd::ParseError* find_error(const dd::Dockerfile& df, std::string_view needle) {
  for (const dd::ParseError& e : df.errors)
    if (e.message.find(needle) != std::string::npos) return &e;
  return nullptr;
}

void expect_pos(const dd::Position& p, int line, int column) {
  EXPECT_EQ(p.line, line);
  EXPECT_EQ(p.column, column);
}

// --- instructions and keywords -------------------------------------------

TEST(DockerfileParser, KeywordsAreCaseInsensitive) {
  auto df = parse_dockerfile("from alpine\nRuN echo hi\nCOPY a b\n");
  ASSERT_EQ(df.instructions.size(), 3u) << errors_of(df);
  EXPECT_TRUE(df.errors.empty()) << errors_of(df);
  EXPECT_EQ(df.instructions[0].kind, Keyword::From);
  EXPECT_EQ(df.instructions[1].kind, Keyword::Run);
  EXPECT_EQ(df.instructions[1].keyword, "run");
  EXPECT_EQ(at(df, df.instructions[1].keyword_span), "RuN");
  EXPECT_EQ(at(df, df.instructions[1].span), "RuN echo hi");
  expect_pos(df.instructions[2].span.start, 3, 1);
}

TEST(DockerfileParser, KeywordNamesRoundTrip) {
  for (Keyword k : {Keyword::From, Keyword::Run, Keyword::Cmd, Keyword::Label, Keyword::Maintainer,
                    Keyword::Expose, Keyword::Env, Keyword::Add, Keyword::Copy, Keyword::Entrypoint,
                    Keyword::Volume, Keyword::User, Keyword::Workdir, Keyword::Arg,
                    Keyword::Onbuild, Keyword::Stopsignal, Keyword::Healthcheck, Keyword::Shell}) {
    std::string name(dd::keyword_name(k));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(dd::keyword_from_name(name), k) << name;
  }
  EXPECT_EQ(dd::keyword_from_name("FROM"), Keyword::Unknown);  // the argument is lower-case
  EXPECT_EQ(dd::keyword_from_name("frm"), Keyword::Unknown);
}

TEST(DockerfileParser, LeadingWhitespaceAndTrailingBlanks) {
  auto df = parse_dockerfile("   FROM alpine   \n\t RUN  echo  hi  \t\n");
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(at(df, df.instructions[0].span), "FROM alpine");
  expect_pos(df.instructions[0].span.start, 1, 4);
  ASSERT_EQ(df.instructions[1].args.size(), 1u);
  EXPECT_EQ(df.instructions[1].args[0].text, "echo  hi");
  EXPECT_EQ(at(df, df.instructions[1].args[0].span), "echo  hi");
}

TEST(DockerfileParser, ShellFormIsOneWordWholeRestOfLine) {
  auto df = parse_dockerfile("FROM a\nRUN apt-get update && apt-get install -y curl\n");
  const auto& run = df.instructions[1];
  EXPECT_FALSE(run.json_form);
  ASSERT_EQ(run.args.size(), 1u);
  EXPECT_EQ(run.args[0].text, "apt-get update && apt-get install -y curl");
  expect_pos(run.args[0].span.start, 2, 5);
  expect_pos(run.args[0].span.end, 2, 46);
}

TEST(DockerfileParser, WhitespaceDelimitedArguments) {
  auto df = parse_dockerfile("FROM a\nEXPOSE 80  443/tcp\nCOPY --chown=1:1 src/ dst/\n");
  const auto& expose = df.instructions[1];
  ASSERT_EQ(expose.args.size(), 2u);
  EXPECT_EQ(expose.args[1].text, "443/tcp");
  EXPECT_EQ(at(df, expose.args[1].span), "443/tcp");
  const auto& copy = df.instructions[2];
  ASSERT_EQ(copy.args.size(), 2u);
  EXPECT_EQ(at(df, copy.args[0].span), "src/");
  EXPECT_EQ(at(df, copy.args[1].span), "dst/");
}

TEST(DockerfileParser, OriginalJoinsContinuations) {
  auto df = parse_dockerfile("FROM a\nRUN echo a \\\n  b\n");
  EXPECT_EQ(df.instructions[1].original, "RUN echo a   b");
}

// --- JSON (exec) form -------------------------------------------------------

TEST(DockerfileParser, JsonFormPerInstruction) {
  auto df = parse_dockerfile(
      "FROM a\n"
      "CMD [\"a\", \"b c\"]\n"
      "ENTRYPOINT [\"/bin/sh\"]\n"
      "RUN [\"echo\"]\n"
      "SHELL [\"bash\", \"-c\"]\n"
      "COPY [\"x y\", \"/dst\"]\n"
      "VOLUME [\"/data\"]\n"
      "HEALTHCHECK CMD [\"curl\", \"-f\"]\n"
      "WORKDIR [\"/not-json\"]\n");
  EXPECT_TRUE(df.errors.empty()) << errors_of(df);
  for (size_t i = 1; i <= 7; ++i) EXPECT_TRUE(df.instructions[i].json_form) << i;
  EXPECT_FALSE(df.instructions[8].json_form);  // WORKDIR never takes JSON
  EXPECT_EQ(df.instructions[8].args[0].text, "[\"/not-json\"]");
  const auto& cmd = df.instructions[1];
  ASSERT_EQ(cmd.args.size(), 2u);
  EXPECT_EQ(cmd.args[1].text, "b c");
  EXPECT_EQ(at(df, cmd.args[1].span), "b c");  // the content, quotes excluded
  const auto& hc = df.instructions[7];
  ASSERT_EQ(hc.args.size(), 3u);
  EXPECT_EQ(hc.args[0].text, "CMD");
  EXPECT_EQ(hc.args[2].text, "-f");
}

TEST(DockerfileParser, JsonEscapesDecodeAndMapBack) {
  auto df = parse_dockerfile("CMD [\"a\\tb\", \"\\u00e9x\", \"\\ud83d\\ude00\"]\n");
  const auto& cmd = df.instructions[0];
  ASSERT_EQ(cmd.args.size(), 3u);
  EXPECT_EQ(cmd.args[0].text, "a\tb");
  EXPECT_EQ(cmd.args[1].text, "\xC3\xA9x");
  EXPECT_EQ(cmd.args[2].text, "\xF0\x9F\x98\x80");
  // 'b' sits after the two-byte escape: column 10 ("CMD [\"a\\tb" -> b is byte 10).
  expect_pos(cmd.args[0].position_of(2), 1, 10);
  expect_pos(cmd.args[0].position_of(1), 1, 8);  // the tab comes from the escape at column 8
  EXPECT_EQ(at(df, cmd.args[0].span), "a\\tb");
}

TEST(DockerfileParser, InvalidJsonFallsBackToShellForm) {
  auto df = parse_dockerfile(
      "CMD ['single', 'quotes']\n"
      "CMD [\"unterminated\"\n"
      "CMD [\"a\", ]\n"
      "CMD [\"ctl\x01\"]\n");
  for (const auto& ins : df.instructions) {
    EXPECT_FALSE(ins.json_form) << ins.original;
    ASSERT_EQ(ins.args.size(), 1u);
    EXPECT_EQ(ins.args[0].text, ins.original.substr(4));
  }
}

TEST(DockerfileParser, JsonTrailingTextIsIgnoredLikeGoDecoder) {
  auto df = parse_dockerfile("CMD [\"a\"] trailing\n");
  EXPECT_TRUE(df.instructions[0].json_form);
  ASSERT_EQ(df.instructions[0].args.size(), 1u);
  EXPECT_EQ(df.instructions[0].args[0].text, "a");
}

TEST(DockerfileParser, EmptyJsonArrayHasNoArguments) {
  auto df = parse_dockerfile("FROM a\nCMD []\n");
  EXPECT_TRUE(df.instructions[1].json_form);
  EXPECT_TRUE(df.instructions[1].args.empty());
  EXPECT_EQ(dd::dump_ast(df), "(from \"a\")\n(cmd)\n");
}

TEST(DockerfileParser, NonStringJsonElementIsAnError) {
  auto df =
      parse_dockerfile("FROM a\nCMD [\"echo\", 1]\nCMD [\"a\", [\"nested\"]]\nCMD [\"a\", null]\n");
  ASSERT_EQ(df.errors.size(), 3u) << errors_of(df);
  EXPECT_EQ(df.errors[0].layer, ErrorLayer::Syntax);
  EXPECT_NE(df.errors[0].message.find("strings only"), std::string::npos);
  EXPECT_EQ(at(df, df.errors[0].span), "1");
  EXPECT_EQ(at(df, df.errors[1].span), "[\"nested\"]");
  EXPECT_EQ(at(df, df.errors[2].span), "null");
  // Parsing went on: every instruction is there.
  EXPECT_EQ(df.instructions.size(), 4u);
}

TEST(DockerfileParser, DeepJsonNestingIsNotJson) {
  // Go's decoder stops at depth 10000; the line is then shell form.
  std::string deep = "CMD [\"a\", " + std::string(20000, '[') + std::string(20000, ']') + "]\n";
  auto df = parse_dockerfile(deep);
  EXPECT_FALSE(df.instructions[0].json_form);
  std::string ok = "CMD [\"a\", " + std::string(50, '[') + std::string(50, ']') + "]\n";
  auto df2 = parse_dockerfile(ok);
  EXPECT_TRUE(df2.instructions[0].json_form);
  EXPECT_NE(find_error(df2, "strings only"), nullptr);
}

// --- flags ------------------------------------------------------------------

TEST(DockerfileParser, FlagsWithSpans) {
  auto df = parse_dockerfile("FROM a AS b\nCOPY --from=b --chown=\"app user\" --link src dst\n");
  const auto& copy = df.instructions[1];
  ASSERT_EQ(copy.flags.size(), 3u);
  const dd::Flag& from = copy.flags[0];
  EXPECT_EQ(from.name, "from");
  EXPECT_EQ(from.value, "b");
  EXPECT_EQ(from.raw, "--from=b");
  EXPECT_EQ(at(df, from.span), "--from=b");
  EXPECT_EQ(at(df, from.value_span), "b");
  const dd::Flag& chown = copy.flags[1];
  EXPECT_EQ(chown.value, "app user");  // quotes removed as BuildKit does
  EXPECT_EQ(at(df, chown.span), "--chown=\"app user\"");
  EXPECT_EQ(at(df, chown.value_span), "app user");
  const dd::Flag& link = copy.flags[2];
  EXPECT_EQ(link.name, "link");
  EXPECT_FALSE(link.value.has_value());
  EXPECT_TRUE(link.value_span.empty());
  EXPECT_EQ(copy.flag("chown"), &copy.flags[1]);
  EXPECT_EQ(copy.flag("chmod"), nullptr);
  ASSERT_EQ(copy.args.size(), 2u);
  EXPECT_EQ(at(df, copy.args[0].span), "src");
  EXPECT_TRUE(df.errors.empty()) << errors_of(df);
}

TEST(DockerfileParser, EndOfFlagsMarker) {
  auto df = parse_dockerfile("FROM a\nCOPY --chown=1 -- --weird dst\n");
  const auto& copy = df.instructions[1];
  ASSERT_EQ(copy.flags.size(), 1u);
  ASSERT_EQ(copy.args.size(), 2u);
  EXPECT_EQ(copy.args[0].text, "--weird");
}

TEST(DockerfileParser, FlagValueAfterSpaceIsAnArgument) {
  // `--platform linux/amd64` is not a flag value in BuildKit: the flag has
  // no value and the platform becomes the first argument.
  auto df = parse_dockerfile("FROM --platform linux/amd64 alpine\n");
  const auto& from = df.instructions[0];
  ASSERT_EQ(from.flags.size(), 1u);
  EXPECT_FALSE(from.flags[0].value.has_value());
  ASSERT_EQ(from.args.size(), 2u);
  EXPECT_NE(find_error(df, "missing a value on flag: platform"), nullptr) << errors_of(df);
}

TEST(DockerfileParser, MountOptionsWithCsvQuoting) {
  auto df = parse_dockerfile(
      "FROM a\n"
      "RUN --mount=type=cache,target=/root/.cache,sharing=locked,ro \\\n"
      "    --mount='type=secret,\"id=a,b\",required' pip install x\n");
  const auto& run = df.instructions[1];
  ASSERT_EQ(run.flags.size(), 2u) << errors_of(df);
  const dd::Flag& cache = run.flags[0];
  ASSERT_EQ(cache.options.size(), 4u);
  EXPECT_EQ(cache.options[0].key, "type");
  EXPECT_EQ(cache.options[0].value, "cache");
  EXPECT_EQ(cache.option("target"), "/root/.cache");
  EXPECT_EQ(cache.option("ro"), "");
  EXPECT_FALSE(cache.option("source").has_value());
  const dd::Flag& secret = run.flags[1];
  ASSERT_EQ(secret.options.size(), 3u);
  EXPECT_EQ(secret.options[1].key, "id");
  EXPECT_EQ(secret.options[1].value, "a,b");
  EXPECT_EQ(secret.options[2].key, "required");
  expect_pos(secret.span.start, 3, 5);
  ASSERT_EQ(run.args.size(), 1u);
  EXPECT_EQ(run.args[0].text, "pip install x");
  EXPECT_TRUE(df.errors.empty()) << errors_of(df);
}

// --- ENV, LABEL, ARG ----------------------------------------------------------

TEST(DockerfileParser, EnvPairsWithSpans) {
  auto df = parse_dockerfile("FROM a\nENV A=1 B=\"two words\" C=x\\ y\n");
  const auto& env = df.instructions[1];
  EXPECT_TRUE(env.args.empty());
  ASSERT_EQ(env.pairs.size(), 3u);
  EXPECT_EQ(env.pairs[0].key.text, "A");
  EXPECT_EQ(env.pairs[0].value.text, "1");
  EXPECT_EQ(env.pairs[1].value.text, "\"two words\"");  // quotes kept; expansion removes them
  EXPECT_EQ(at(df, env.pairs[1].key.span), "B");
  EXPECT_EQ(at(df, env.pairs[1].value.span), "\"two words\"");
  EXPECT_EQ(env.pairs[2].value.text, "x\\ y");
  EXPECT_FALSE(env.pairs[0].legacy);
  EXPECT_TRUE(env.pairs[0].has_value);
}

TEST(DockerfileParser, LegacyEnvAndLabel) {
  auto df =
      parse_dockerfile("FROM a\nENV PATH /usr/bin:$PATH  \nLABEL maintainer Jane Doe <j@x>\n");
  const auto& env = df.instructions[1];
  ASSERT_EQ(env.pairs.size(), 1u);
  EXPECT_TRUE(env.pairs[0].legacy);
  EXPECT_EQ(env.pairs[0].key.text, "PATH");
  EXPECT_EQ(env.pairs[0].value.text, "/usr/bin:$PATH");
  EXPECT_EQ(at(df, env.pairs[0].value.span), "/usr/bin:$PATH");
  const auto& label = df.instructions[2];
  ASSERT_EQ(label.pairs.size(), 1u);
  EXPECT_EQ(label.pairs[0].value.text, "Jane Doe <j@x>");
  EXPECT_EQ(dd::dump_ast(df),
            "(from \"a\")\n(env \"PATH\" \"/usr/bin:$PATH\" \"\")\n(label \"maintainer\" \"Jane "
            "Doe <j@x>\" \"\")\n");
}

TEST(DockerfileParser, EnvWithoutValueIsASyntaxError) {
  auto df = parse_dockerfile("FROM busybox\nENV PATH\nRUN true\n");
  ASSERT_EQ(df.errors.size(), 1u) << errors_of(df);
  EXPECT_EQ(df.errors[0].layer, ErrorLayer::Syntax);
  EXPECT_NE(df.errors[0].message.find("ENV must have two arguments"), std::string::npos);
  EXPECT_EQ(at(df, df.errors[0].span), "PATH");
  EXPECT_EQ(df.instructions.size(), 3u);  // parsing continued
}

TEST(DockerfileParser, EnvWordWithoutEqualsIsASyntaxError) {
  auto df = parse_dockerfile("FROM a\nENV A=1 oops B=2\n");
  const dd::ParseError* e = find_error(df, "can't find = in \"oops\"");
  ASSERT_NE(e, nullptr) << errors_of(df);
  EXPECT_EQ(at(df, e->span), "oops");
}

TEST(DockerfileParser, ArgWordsAndPairs) {
  auto df = parse_dockerfile("ARG VERSION=1.2 DEBUG\nFROM a\n");
  const auto& arg = df.instructions[0];
  ASSERT_EQ(arg.args.size(), 2u);
  EXPECT_EQ(arg.args[0].text, "VERSION=1.2");
  ASSERT_EQ(arg.pairs.size(), 2u);
  EXPECT_EQ(arg.pairs[0].key.text, "VERSION");
  EXPECT_EQ(arg.pairs[0].value.text, "1.2");
  EXPECT_TRUE(arg.pairs[0].has_value);
  EXPECT_EQ(at(df, arg.pairs[0].value.span), "1.2");
  EXPECT_EQ(arg.pairs[1].key.text, "DEBUG");
  EXPECT_FALSE(arg.pairs[1].has_value);
  EXPECT_EQ(dd::dump_ast(df), "(arg \"VERSION=1.2\" \"DEBUG\")\n(from \"a\")\n");
}

// --- continuations and positions ------------------------------------------

TEST(DockerfileParser, WordAcrossContinuationMapsBackToEachLine) {
  std::string text = "FROM a\nRUN echo hel\\\n  lo \\\n && true\n";
  auto df = parse_dockerfile(text);
  const auto& run = df.instructions[1];
  ASSERT_EQ(run.args.size(), 1u);
  const dd::Word& w = run.args[0];
  EXPECT_EQ(w.text, "echo hel  lo  && true");
  ASSERT_GE(w.pieces.size(), 3u);
  // 'h' of "hel" on line 2, the two blanks before "lo" start line 3.
  size_t h = w.text.find("hel");
  expect_pos(w.position_of(h), 2, 10);
  size_t lo = w.text.find("lo");
  expect_pos(w.position_of(lo), 3, 3);
  EXPECT_EQ(text[w.position_of(lo).offset], 'l');
  size_t amp = w.text.find("&&");
  expect_pos(w.position_of(amp), 4, 2);
  // A range inside one line, and one that crosses lines.
  dd::Span s = w.span_of(lo, lo + 2);
  EXPECT_EQ(at(df, s), "lo");
  dd::Span cross = w.span_of(h, lo + 2);
  expect_pos(cross.start, 2, 10);
  expect_pos(cross.end, 3, 5);
  expect_pos(w.position_of(w.text.size()), 4, 9);
  expect_pos(run.span.end, 4, 9);
}

TEST(DockerfileParser, CommentsAndBlankLinesInsideContinuation) {
  auto df = parse_dockerfile("FROM a\nRUN a \\\n# inside\n\n   \n  b\n");
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[1].args[0].text, "a   b");
  expect_pos(df.instructions[1].span.end, 6, 4);
  ASSERT_EQ(df.comments.size(), 1u);
  EXPECT_EQ(df.comments[0].text, "inside");
  expect_pos(df.comments[0].span.start, 3, 1);
  EXPECT_TRUE(df.instructions[1].comments_before.empty());
}

TEST(DockerfileParser, ContinuationAtEndOfFile) {
  auto df = parse_dockerfile("FROM a\nRUN something \\");
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[1].args[0].text, "something");
  EXPECT_TRUE(df.errors.empty()) << errors_of(df);
}

TEST(DockerfileParser, EscapedEscapeIsNotAContinuation) {
  auto df = parse_dockerfile("FROM a\nENV C trailing\\\\\nENV D x\n");
  ASSERT_EQ(df.instructions.size(), 3u);
  EXPECT_EQ(df.instructions[1].pairs[0].value.text, "trailing\\\\");
}

TEST(DockerfileParser, BlanksAfterEscapeStillContinue) {
  auto df = parse_dockerfile("FROM a\nRUN echo hello  \\  \t\nworld\n");
  ASSERT_EQ(df.instructions.size(), 2u);
  EXPECT_EQ(df.instructions[1].args[0].text, "echo hello  world");
}

TEST(DockerfileParser, CrlfLineEndings) {
  auto df = parse_dockerfile("FROM a\r\nRUN echo \\\r\n  hi\r\nCMD [\"x\"]\r\n");
  ASSERT_EQ(df.instructions.size(), 3u) << errors_of(df);
  EXPECT_EQ(df.instructions[1].args[0].text, "echo   hi");
  EXPECT_EQ(at(df, df.instructions[0].span), "FROM a");
  expect_pos(df.instructions[1].span.end, 3, 5);
  EXPECT_TRUE(df.instructions[2].json_form);
  EXPECT_TRUE(df.errors.empty()) << errors_of(df);
}

TEST(DockerfileParser, ByteOrderMarkIsSkipped) {
  auto df = parse_dockerfile("\xEF\xBB\xBF# syntax=docker/dockerfile:1\nFROM a\n");
  ASSERT_EQ(df.directives.size(), 1u);
  EXPECT_EQ(df.directives[0].value, "docker/dockerfile:1");
  ASSERT_EQ(df.instructions.size(), 1u);
  auto df2 = parse_dockerfile(
      "\xEF\xBB\xBF"
      "FROM a\n");
  ASSERT_EQ(df2.instructions.size(), 1u);
  EXPECT_EQ(df2.instructions[0].kind, Keyword::From);
  // Columns count bytes, the BOM included.
  expect_pos(df2.instructions[0].keyword_span.start, 1, 4);
  EXPECT_EQ(at(df2, df2.instructions[0].keyword_span), "FROM");
}

// --- directives ---------------------------------------------------------------

TEST(DockerfileParser, Directives) {
  auto df = parse_dockerfile(
      "# Syntax = docker/dockerfile:1.7  \n#check=skip=all\n# escape=`\nFROM a\nRUN x `\n  y\n");
  ASSERT_EQ(df.directives.size(), 3u) << errors_of(df);
  EXPECT_EQ(df.directives[0].name, "syntax");
  EXPECT_EQ(df.directives[0].value, "docker/dockerfile:1.7");
  EXPECT_EQ(at(df, df.directives[0].span), "# Syntax = docker/dockerfile:1.7");
  EXPECT_EQ(df.directives[1].name, "check");
  EXPECT_EQ(df.directives[1].value, "skip=all");
  EXPECT_EQ(df.escape, '`');
  EXPECT_TRUE(df.comments.empty());
  EXPECT_EQ(df.instructions[1].args[0].text, "x   y");
}

TEST(DockerfileParser, DirectivesOnlyBeforeEverythingElse) {
  // After a comment, a blank line, an unknown directive or an instruction,
  // `# escape=` is an ordinary comment.
  for (const char* text : {"# hello\n# escape=`\nFROM a\n", "\n# escape=`\nFROM a\n",
                           "# foo=bar\n# escape=`\nFROM a\n", "FROM a\n# escape=`\n"}) {
    auto df = parse_dockerfile(text);
    EXPECT_EQ(df.escape, '\\') << text;
    EXPECT_TRUE(df.errors.empty()) << errors_of(df);
  }
}

TEST(DockerfileParser, DuplicateAndInvalidDirectives) {
  auto df = parse_dockerfile("# escape=`\n# ESCAPE=\\\nFROM a\n");
  const dd::ParseError* dup = find_error(df, "only one escape parser directive");
  ASSERT_NE(dup, nullptr) << errors_of(df);
  expect_pos(dup->span.start, 2, 1);
  EXPECT_EQ(df.escape, '`');
  auto bad = parse_dockerfile("# escape=x\nFROM a\n");
  const dd::ParseError* e = find_error(bad, "invalid escape token 'x'");
  ASSERT_NE(e, nullptr) << errors_of(bad);
  EXPECT_EQ(at(bad, e->span), "x");
  EXPECT_EQ(bad.escape, '\\');
}

// --- comments -------------------------------------------------------------

TEST(DockerfileParser, CommentsBeforeInstructions) {
  auto df = parse_dockerfile("# base image\n  # pinned\nFROM a\n\n# one\n#\n# two\nRUN x\nRUN y\n");
  ASSERT_EQ(df.instructions.size(), 3u);
  ASSERT_EQ(df.instructions[0].comments_before.size(), 2u);
  EXPECT_EQ(df.instructions[0].comments_before[0].text, "base image");
  EXPECT_EQ(df.instructions[0].comments_before[1].text, "pinned");
  EXPECT_EQ(at(df, df.instructions[0].comments_before[1].span), "# pinned");
  // An empty `#` line cuts the block.
  ASSERT_EQ(df.instructions[1].comments_before.size(), 1u);
  EXPECT_EQ(df.instructions[1].comments_before[0].text, "two");
  EXPECT_TRUE(df.instructions[2].comments_before.empty());
  EXPECT_EQ(df.comments.size(), 5u);
}

// --- heredocs -------------------------------------------------------------

TEST(DockerfileParser, HeredocBasic) {
  std::string text = "FROM a\nRUN <<EOF\necho hi\necho there\nEOF\nRUN true\n";
  auto df = parse_dockerfile(text);
  ASSERT_EQ(df.instructions.size(), 3u) << errors_of(df);
  const auto& run = df.instructions[1];
  ASSERT_EQ(run.heredocs.size(), 1u);
  const dd::Heredoc& h = run.heredocs[0];
  EXPECT_EQ(h.name, "EOF");
  EXPECT_TRUE(h.expand);
  EXPECT_FALSE(h.chomp);
  EXPECT_EQ(h.content, "echo hi\necho there\n");
  EXPECT_EQ(at(df, h.header_span), "<<EOF");
  EXPECT_EQ(at(df, h.body_span), "echo hi\necho there\n");
  expect_pos(h.body_start(), 3, 1);
  expect_pos(run.span.end, 5, 4);
  EXPECT_EQ(run.args[0].text, "<<EOF");
  EXPECT_TRUE(df.errors.empty()) << errors_of(df);
}

TEST(DockerfileParser, HeredocChompQuotedAndSeveral) {
  auto df = parse_dockerfile(
      "FROM a\n"
      "COPY <<-'ONE' <<\"TWO\" /dst/\n"
      "\tfirst $x\n"
      "\tONE\n"
      "second\n"
      "TWO\n");
  ASSERT_EQ(df.instructions.size(), 2u) << errors_of(df);
  const auto& copy = df.instructions[1];
  ASSERT_EQ(copy.heredocs.size(), 2u);
  EXPECT_EQ(copy.heredocs[0].name, "ONE");
  EXPECT_TRUE(copy.heredocs[0].chomp);
  EXPECT_FALSE(copy.heredocs[0].expand);
  EXPECT_EQ(copy.heredocs[0].content, "first $x\n");
  EXPECT_EQ(copy.heredocs[1].name, "TWO");
  EXPECT_FALSE(copy.heredocs[1].expand);
  EXPECT_EQ(copy.heredocs[1].content, "second\n");
  EXPECT_EQ(at(df, copy.heredocs[1].header_span), "<<\"TWO\"");
  expect_pos(copy.heredocs[1].body_start(), 5, 1);
  expect_pos(copy.span.end, 6, 4);
  EXPECT_TRUE(df.errors.empty()) << errors_of(df);
}

TEST(DockerfileParser, HeredocOnlyForRunCopyAddInShellForm) {
  auto df =
      parse_dockerfile("FROM a\nCMD <<EOF\nRUN [\"cat\", \"<<EOF\"]\nRUN cat <<EOF > f\nx\nEOF\n");
  ASSERT_EQ(df.instructions.size(), 4u) << errors_of(df);
  EXPECT_TRUE(df.instructions[1].heredocs.empty());
  EXPECT_TRUE(df.instructions[2].heredocs.empty());
  ASSERT_EQ(df.instructions[3].heredocs.size(), 1u);
  EXPECT_EQ(df.instructions[3].heredocs[0].content, "x\n");
}

TEST(DockerfileParser, HeredocInOnbuild) {
  auto df = parse_dockerfile("FROM a\nONBUILD RUN <<EOF\nmake\nEOF\n");
  ASSERT_EQ(df.instructions.size(), 2u) << errors_of(df);
  const auto& ob = df.instructions[1];
  ASSERT_EQ(ob.onbuild.size(), 1u);
  ASSERT_EQ(ob.onbuild[0].heredocs.size(), 1u);
  EXPECT_EQ(ob.onbuild[0].heredocs[0].content, "make\n");
  expect_pos(ob.span.end, 4, 4);
}

TEST(DockerfileParser, UnterminatedHeredocErrorsAtItsToken) {
  auto df = parse_dockerfile("FROM a\nRUN cat <<EOF\nline\n");
  const dd::ParseError* e = find_error(df, "unterminated heredoc");
  ASSERT_NE(e, nullptr) << errors_of(df);
  EXPECT_EQ(e->layer, ErrorLayer::Syntax);
  EXPECT_EQ(at(df, e->span), "<<EOF");
  expect_pos(e->span.start, 2, 9);
}

// --- ONBUILD, HEALTHCHECK, unknown ------------------------------------------

TEST(DockerfileParser, OnbuildNestsTheTrigger) {
  auto df = parse_dockerfile("FROM a\nONBUILD COPY --chown=1 . /app\n");
  const auto& ob = df.instructions[1];
  ASSERT_EQ(ob.onbuild.size(), 1u);
  const auto& trig = ob.onbuild[0];
  EXPECT_EQ(trig.kind, Keyword::Copy);
  EXPECT_EQ(at(df, trig.keyword_span), "COPY");
  ASSERT_EQ(trig.flags.size(), 1u);
  EXPECT_EQ(at(df, trig.flags[0].span), "--chown=1");
  EXPECT_EQ(dd::dump_ast(df), "(from \"a\")\n(onbuild (copy [\"--chown=1\"] \".\" \"/app\"))\n");
}

TEST(DockerfileParser, UnknownInstructionDumpsLikeBuildKit) {
  auto df = parse_dockerfile("FROM a\nFOO bar baz\n");
  EXPECT_EQ(df.instructions[1].kind, Keyword::Unknown);
  EXPECT_EQ(dd::dump_ast(df), "(from \"a\")\n(foo \"\")\n");
}

// --- stages -----------------------------------------------------------------

TEST(DockerfileParser, StagesAndGlobalArgs) {
  auto df = parse_dockerfile(
      "ARG BASE=alpine\n"
      "ARG TAG\n"
      "FROM --platform=$BUILDPLATFORM ${BASE}:${TAG} AS Builder\n"
      "RUN make\n"
      "FROM scratch\n"
      "COPY --from=builder /out /\n");
  EXPECT_TRUE(df.errors.empty()) << errors_of(df);
  ASSERT_EQ(df.global_args.size(), 2u);
  EXPECT_EQ(df.global_args[1], 1u);
  ASSERT_EQ(df.stages.size(), 2u);
  const dd::Stage& b = df.stages[0];
  EXPECT_EQ(b.name, "builder");
  EXPECT_EQ(at(df, b.name_span), "Builder");
  EXPECT_EQ(b.base, "${BASE}:${TAG}");
  EXPECT_EQ(b.platform, "$BUILDPLATFORM");
  EXPECT_EQ(b.from, 2u);
  ASSERT_EQ(b.body.size(), 1u);
  EXPECT_EQ(b.body[0], 3u);
  EXPECT_EQ(df.stages[1].index, 1u);
  EXPECT_TRUE(df.stages[1].name.empty());
  EXPECT_EQ(df.stage_named("builder"), &df.stages[0]);
  EXPECT_EQ(df.stage_ref("Builder"), &df.stages[0]);
  EXPECT_EQ(df.stage_ref("1"), &df.stages[1]);
  EXPECT_EQ(df.stage_ref("2"), nullptr);
  EXPECT_EQ(df.stage_ref("alpine"), nullptr);
  EXPECT_EQ(df.stage_named(""), nullptr);
}

// --- instruction-layer errors -----------------------------------------------

TEST(DockerfileParser, UnknownInstructionSuggests) {
  auto df = parse_dockerfile("FROM a\nCOPPY a b\nfrum x\nXYZZY foo\n");
  ASSERT_EQ(df.errors.size(), 3u) << errors_of(df);
  EXPECT_EQ(df.errors[0].layer, ErrorLayer::Instruction);
  EXPECT_NE(df.errors[0].message.find("unknown instruction: COPPY (did you mean COPY?)"),
            std::string::npos);
  EXPECT_EQ(at(df, df.errors[0].span), "COPPY");
  EXPECT_NE(df.errors[1].message.find("(did you mean from?)"), std::string::npos);
  EXPECT_EQ(df.errors[2].message.find("did you mean"), std::string::npos);
}

TEST(DockerfileParser, FlagNotAcceptedByInstruction) {
  auto df = parse_dockerfile("FROM a\nCOPY --frm=b x y\nRUN --chown=1 true\nENV --x=1 A=b\n");
  const dd::ParseError* e = find_error(df, "unknown flag: frm (did you mean from?)");
  ASSERT_NE(e, nullptr) << errors_of(df);
  EXPECT_EQ(at(df, e->span), "--frm=b");
  EXPECT_NE(find_error(df, "unknown flag: chown"), nullptr);
  EXPECT_NE(find_error(df, "ENV takes no flags"), nullptr);
}

TEST(DockerfileParser, FlagValueChecks) {
  auto df = parse_dockerfile(
      "FROM a\nCOPY --link=maybe --from x y\nCOPY --chmod=1 --chmod=2 x y\nRUN --network=bridge "
      "--security=x true\n");
  EXPECT_NE(find_error(df, "expecting boolean value for flag link, not: maybe"), nullptr)
      << errors_of(df);
  EXPECT_NE(find_error(df, "missing a value on flag: from"), nullptr);
  EXPECT_NE(find_error(df, "duplicate flag specified: chmod"), nullptr);
  const dd::ParseError* net = find_error(df, "invalid network mode \"bridge\"");
  ASSERT_NE(net, nullptr);
  EXPECT_EQ(at(df, net->span), "bridge");
  EXPECT_NE(find_error(df, "security \"x\" is not valid"), nullptr);
}

TEST(DockerfileParser, InstructionBeforeFirstFrom) {
  auto df = parse_dockerfile("ARG A\nRUN echo\nFROM a\n");
  const dd::ParseError* e = find_error(df, "no build stage in current context");
  ASSERT_NE(e, nullptr) << errors_of(df);
  EXPECT_EQ(at(df, e->span), "RUN");
  EXPECT_EQ(df.errors.size(), 1u) << errors_of(df);
}

TEST(DockerfileParser, FileWithoutFrom) {
  auto df = parse_dockerfile("ARG A=1\nARG B\n");
  const dd::ParseError* e = find_error(df, "no stages to build");
  ASSERT_NE(e, nullptr) << errors_of(df);
  EXPECT_EQ(df.errors.size(), 1u) << errors_of(df);
  EXPECT_EQ(at(df, e->span), "ARG");
  EXPECT_EQ(df.global_args.size(), 2u);
}

TEST(DockerfileParser, MissingArguments) {
  auto df = parse_dockerfile(
      "FROM a\nCOPY "
      "onlyone\nWORKDIR\nUSER\nEXPOSE\nVOLUME\nSTOPSIGNAL\nARG\nMAINTAINER\nENV\nONBUILD\n");
  for (const char* needle :
       {"COPY requires at least two arguments", "WORKDIR requires exactly one argument",
        "USER requires exactly one argument", "EXPOSE requires at least one argument",
        "VOLUME requires at least one argument", "STOPSIGNAL requires exactly one argument",
        "ARG requires at least one argument", "MAINTAINER requires exactly one argument",
        "ENV requires at least one argument", "ONBUILD requires at least one argument"}) {
    EXPECT_NE(find_error(df, needle), nullptr) << needle << "\n" << errors_of(df);
  }
}

TEST(DockerfileParser, FromAsSyntax) {
  auto df = parse_dockerfile("FROM a AS 1bad\nFROM a b c\nFROM a b\nFROM\nFROM a as ok-name_1.x\n");
  const dd::ParseError* name = find_error(df, "invalid name for build stage: \"1bad\"");
  ASSERT_NE(name, nullptr) << errors_of(df);
  EXPECT_EQ(at(df, name->span), "1bad");
  EXPECT_NE(find_error(df, "the second is \"b\""), nullptr);
  EXPECT_NE(find_error(df, "FROM requires either one or three arguments"), nullptr);
  EXPECT_EQ(df.errors.size(), 4u) << errors_of(df);
  EXPECT_EQ(df.stages.size(), 5u);
  EXPECT_EQ(df.stages[4].name, "ok-name_1.x");
}

TEST(DockerfileParser, InvalidMountSpecs) {
  auto df = parse_dockerfile(
      "FROM a\n"
      "RUN --mount=type=cahce,target=/x true\n"
      "RUN --mount=type=bind,mode=0644,target=/x true\n"
      "RUN --mount=type=cache,targte=/x true\n"
      "RUN --mount=type=secret true\n"
      "RUN --mount=type=cache,from=$STAGE,target=/x true\n"
      "RUN --mount=type=cache,sharing=$S,target=/x true\n"
      "RUN --mount=target=a\\\"b true\n"
      "RUN --mount=type=ssh,required true\n");
  EXPECT_NE(find_error(df, "unsupported mount type \"cahce\" (did you mean cache?)"), nullptr)
      << errors_of(df);
  EXPECT_NE(find_error(df, "mode not allowed for \"bind\" type mounts"), nullptr);
  EXPECT_NE(find_error(df, "unexpected key 'targte'"), nullptr);
  EXPECT_NE(find_error(df, "invalid secret mount"), nullptr);
  EXPECT_NE(find_error(df, "'from' doesn't support variable expansion"), nullptr);
  // `sharing=$S` is only known after expansion: no error for it.
  EXPECT_EQ(find_error(df, "sharing"), nullptr);
  EXPECT_NE(find_error(df, "bare \" in non-quoted-field"), nullptr);
  EXPECT_EQ(df.errors.size(), 6u) << errors_of(df);
  const dd::ParseError* e = find_error(df, "cahce");
  EXPECT_EQ(at(df, e->span), "type=cahce");  // the field at fault
  const dd::ParseError* key = find_error(df, "targte");
  EXPECT_EQ(at(df, key->span), "targte=/x");
}

TEST(DockerfileParser, HealthcheckChecks) {
  auto df = parse_dockerfile(
      "FROM a\nHEALTHCHECK --interval=5 CMD true\nHEALTHCHECK --timeout=1us CMD true\n"
      "HEALTHCHECK --retries=-1 CMD true\nHEALTHCHECK NONE x\nHEALTHCHECK CMD\nHEALTHCHECK PING x\n"
      "HEALTHCHECK --interval=1m30s --start-interval=0 CMD [\"true\"]\n");
  EXPECT_NE(find_error(df, "missing unit in duration \"5\""), nullptr) << errors_of(df);
  EXPECT_NE(find_error(df, "Interval \"timeout\" cannot be less than 1ms"), nullptr);
  EXPECT_NE(find_error(df, "--retries cannot be negative (-1)"), nullptr);
  EXPECT_NE(find_error(df, "HEALTHCHECK NONE takes no arguments"), nullptr);
  EXPECT_NE(find_error(df, "Missing command after HEALTHCHECK CMD"), nullptr);
  EXPECT_NE(find_error(df, "Unknown type \"PING\""), nullptr);
  EXPECT_EQ(df.errors.size(), 6u) << errors_of(df);
}

TEST(DockerfileParser, ShellAndOnbuildChecks) {
  auto df = parse_dockerfile(
      "FROM a\nSHELL bash -c\nONBUILD ONBUILD RUN x\nONBUILD FROM b\nVOLUME [\" \"]\n");
  EXPECT_NE(find_error(df, "SHELL requires the arguments to be in JSON form"), nullptr)
      << errors_of(df);
  EXPECT_NE(find_error(df, "Chaining ONBUILD"), nullptr);
  EXPECT_NE(find_error(df, "FROM isn't allowed as an ONBUILD trigger"), nullptr);
  EXPECT_NE(find_error(df, "VOLUME specified can not be an empty string"), nullptr);
}

TEST(DockerfileParser, HeredocAsCopyDestinationIsRejected) {
  auto df = parse_dockerfile("FROM a\nCOPY x <<EOF\nhi\nEOF\n");
  EXPECT_NE(find_error(df, "cannot accept a heredoc as a destination"), nullptr) << errors_of(df);
}

TEST(DockerfileParser, ValidFileHasNoErrors) {
  auto df = parse_dockerfile(
      "# syntax=docker/dockerfile:1\n"
      "ARG PY=3.12\n"
      "FROM python:${PY}-slim AS base\n"
      "WORKDIR /app\n"
      "COPY --link --chmod=755 requirements.txt .\n"
      "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n"
      "ENV PYTHONUNBUFFERED=1\n"
      "USER 1000:1000\n"
      "EXPOSE 8000\n"
      "HEALTHCHECK --interval=30s --retries=3 CMD curl -f http://localhost:8000/ || exit 1\n"
      "STOPSIGNAL SIGTERM\n"
      "LABEL org.opencontainers.image.source=\"https://x\"\n"
      "VOLUME /data\n"
      "SHELL [\"/bin/bash\", \"-c\"]\n"
      "ONBUILD RUN echo child\n"
      "ENTRYPOINT [\"python\"]\n"
      "CMD [\"-m\", \"app\"]\n");
  EXPECT_TRUE(df.errors.empty()) << errors_of(df);
  EXPECT_EQ(df.instructions.size(), 16u);
  EXPECT_EQ(df.stages.size(), 1u);
}

// --- whole file -------------------------------------------------------------

TEST(DockerfileParser, EmptyAndCommentOnlyFiles) {
  for (const char* text : {"", "\n\n", "# a\n# b\n", "   \t\n"}) {
    auto df = parse_dockerfile(text);
    ASSERT_EQ(df.errors.size(), 1u) << errors_of(df);
    EXPECT_NE(df.errors[0].message.find("file with no instructions"), std::string::npos);
    EXPECT_TRUE(df.instructions.empty());
  }
}

TEST(DockerfileParser, DumpQuotesLikeGo) {
  auto df = parse_dockerfile("FROM a\nRUN echo \"\xE2\x99\xA5\" \x01\n");
  EXPECT_EQ(dd::dump_ast(df), "(from \"a\")\n(run \"echo \\\"\xE2\x99\xA5\\\" \\x01\")\n");
}

}  // namespace
