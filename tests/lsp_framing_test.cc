// Content-Length framing (src/lsp/framing.cc): whole, split and hostile input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lsp/framing.h"

namespace {

using dd::lsp::Frame;
using dd::lsp::FrameReader;

// Everything the reader yields for `input` fed in slices of `slice` bytes.
std::vector<Frame> read_all(const std::string& input, size_t slice = 0,
                            size_t max_body = dd::lsp::kMaxMessageBytes) {
  FrameReader reader(max_body);
  std::vector<Frame> out;
  if (slice == 0) slice = input.size() + 1;
  for (size_t i = 0; i < input.size(); i += slice) {
    reader.feed(std::string_view(input).substr(i, slice));
    while (std::optional<Frame> f = reader.next()) out.push_back(*f);
  }
  return out;
}

std::string framed(const std::string& body) {
  return dd::lsp::frame_message(body);
}

TEST(LspFraming, WritesTheLengthInBytes) {
  EXPECT_EQ(framed("{\"a\":\"\xC3\xA9\"}"), "Content-Length: 10\r\n\r\n{\"a\":\"\xC3\xA9\"}");
}

TEST(LspFraming, ReadsBackToBackMessages) {
  std::vector<Frame> frames = read_all(framed("{\"id\":1}") + framed("{}") + framed(""));
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_TRUE(frames[0].ok);
  EXPECT_EQ(frames[0].text, "{\"id\":1}");
  EXPECT_EQ(frames[1].text, "{}");
  EXPECT_TRUE(frames[2].ok);
  EXPECT_EQ(frames[2].text, "");
}

TEST(LspFraming, PartialReadsOfEverySize) {
  std::string input = framed("{\"jsonrpc\":\"2.0\",\"method\":\"x\"}") + framed("[1,2,3]");
  for (size_t slice = 1; slice <= input.size(); ++slice) {
    std::vector<Frame> frames = read_all(input, slice);
    ASSERT_EQ(frames.size(), 2u) << "slice " << slice;
    EXPECT_EQ(frames[0].text, "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}");
    EXPECT_EQ(frames[1].text, "[1,2,3]");
  }
}

TEST(LspFraming, HeaderNamesAnyCaseAndExtraHeaders) {
  std::string input =
      "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
      "X-Trace: yes\r\nCONTENT-LENGTH:3\r\n\r\n[1]";
  std::vector<Frame> frames = read_all(input);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].text, "{}");
  EXPECT_EQ(frames[1].text, "[1]");
}

TEST(LspFraming, AcceptsBareNewlinesAndBlankLinesBetweenMessages) {
  std::vector<Frame> frames =
      read_all("Content-Length: 2\n\n{}\r\n\r\nContent-Length: 2\r\n\r\n[]");
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_TRUE(frames[0].ok && frames[1].ok);
  EXPECT_EQ(frames[1].text, "[]");
}

TEST(LspFraming, GarbageBeforeAMessageIsReportedThenSkipped) {
  for (size_t slice : {0, 1, 7}) {
    std::vector<Frame> frames = read_all("hello world\r\n" + framed("{}"), slice);
    ASSERT_EQ(frames.size(), 2u) << slice;
    EXPECT_FALSE(frames[0].ok);
    EXPECT_TRUE(frames[1].ok);
    EXPECT_EQ(frames[1].text, "{}");
  }
  // Garbage glued to the header name.
  std::vector<Frame> frames = read_all("xyz" + framed("{}"));
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_FALSE(frames[0].ok);
  EXPECT_EQ(frames[1].text, "{}");
}

// A garbage block that arrives on its own, before the next message is
// written: one error, then the reader waits (it once reported the same
// bytes forever).
TEST(LspFraming, GarbageArrivingAloneIsReportedOnce) {
  FrameReader reader;
  reader.feed("this is not a header\r\n\r\n");
  size_t errors = 0;
  for (int i = 0; i < 100; ++i) {
    std::optional<Frame> f = reader.next();
    if (!f) break;
    EXPECT_FALSE(f->ok);
    ++errors;
  }
  EXPECT_EQ(errors, 1u);
  reader.feed(framed("{}"));
  std::optional<Frame> f = reader.next();
  ASSERT_TRUE(f.has_value());
  EXPECT_TRUE(f->ok);
  EXPECT_EQ(f->text, "{}");
}

TEST(LspFraming, BadLengthsAreErrorsNotWaits) {
  for (const char* bad :
       {"Content-Length: -5\r\n\r\n", "Content-Length: abc\r\n\r\n", "Content-Length:\r\n\r\n",
        "Content-Length: 99999999999999999999\r\n\r\n",
        "Content-Length: 2\r\nContent-Length: 3\r\n\r\n", "Content-Type: x\r\n\r\n"}) {
    std::vector<Frame> frames = read_all(std::string(bad) + framed("{}"));
    ASSERT_EQ(frames.size(), 2u) << bad;
    EXPECT_FALSE(frames[0].ok) << bad;
    EXPECT_EQ(frames[1].text, "{}") << bad;
  }
}

TEST(LspFraming, LengthAboveTheLimitIsRefused) {
  std::vector<Frame> frames = read_all("Content-Length: 1000\r\n\r\n" + framed("{}"), 0, 100);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_FALSE(frames[0].ok);
  EXPECT_NE(frames[0].text.find("limit"), std::string::npos);
  EXPECT_EQ(frames[1].text, "{}");
}

TEST(LspFraming, EndlessHeaderIsDroppedWithBoundedMemory) {
  FrameReader reader;
  std::string junk(4096, 'a');
  size_t errors = 0;
  for (int i = 0; i < 64; ++i) {
    reader.feed(junk);
    while (std::optional<Frame> f = reader.next()) errors += f->ok ? 0 : 1;
  }
  EXPECT_GT(errors, 0u);
  EXPECT_LE(reader.buffered(), dd::lsp::kMaxHeaderBytes + junk.size());
  reader.feed(framed("{}"));
  std::optional<Frame> f = reader.next();
  while (f && !f->ok) f = reader.next();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->text, "{}");
}

TEST(LspFraming, WaitsForTheWholeBody) {
  FrameReader reader;
  reader.feed("Content-Length: 8\r\n\r\n{\"a\":");
  EXPECT_FALSE(reader.next().has_value());
  reader.feed("12}");
  std::optional<Frame> f = reader.next();
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->text, "{\"a\":12}");
}

}  // namespace
