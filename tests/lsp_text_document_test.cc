// LSP positions over document text (src/lsp/text_document.cc): UTF-16 and
// UTF-8 columns, clamping, CRLF and lone CR line ends, and incremental
// edits, including ranges that cut a surrogate pair in half.
#include <gtest/gtest.h>

#include <string>

#include "lsp/text_document.h"

namespace {

using dd::lsp::LspPosition;
using dd::lsp::LspRange;
using dd::lsp::PositionEncoding;
using dd::lsp::Snap;
using dd::lsp::TextDocument;

constexpr auto kUtf16 = PositionEncoding::Utf16;
constexpr auto kUtf8 = PositionEncoding::Utf8;

// "é" 2 bytes / 1 unit, "€" 3 bytes / 1 unit, "😀" 4 bytes / a surrogate pair.
const std::string kLine = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";

TEST(LspTextDocument, Utf16Columns) {
  TextDocument doc(kLine + "\n");
  EXPECT_EQ(doc.offset_at({0, 0}, kUtf16), 0u);
  EXPECT_EQ(doc.offset_at({0, 1}, kUtf16), 1u);   // after 'a'
  EXPECT_EQ(doc.offset_at({0, 2}, kUtf16), 3u);   // after 'é'
  EXPECT_EQ(doc.offset_at({0, 3}, kUtf16), 6u);   // after '€'
  EXPECT_EQ(doc.offset_at({0, 5}, kUtf16), 10u);  // after the pair
  EXPECT_EQ(doc.offset_at({0, 6}, kUtf16), 11u);  // after 'z'
  EXPECT_EQ(doc.position_at(10, kUtf16), (LspPosition{0, 5}));
  EXPECT_EQ(doc.position_at(11, kUtf16), (LspPosition{0, 6}));
  EXPECT_EQ(doc.position_at(12, kUtf16), (LspPosition{1, 0}));
}

TEST(LspTextDocument, Utf8Columns) {
  TextDocument doc(kLine);
  EXPECT_EQ(doc.offset_at({0, 6}, kUtf8), 6u);
  EXPECT_EQ(doc.position_at(10, kUtf8), (LspPosition{0, 10}));
  // A column inside a multi-byte sequence snaps to a character boundary.
  EXPECT_EQ(doc.offset_at({0, 2}, kUtf8, Snap::Before), 1u);
  EXPECT_EQ(doc.offset_at({0, 2}, kUtf8, Snap::After), 3u);
}

TEST(LspTextDocument, HalfASurrogatePairSnaps) {
  TextDocument doc(kLine);
  EXPECT_EQ(doc.offset_at({0, 4}, kUtf16, Snap::Before), 6u);
  EXPECT_EQ(doc.offset_at({0, 4}, kUtf16, Snap::After), 10u);
  // A byte offset inside the pair's bytes reports the character's start.
  EXPECT_EQ(doc.position_at(8, kUtf16), (LspPosition{0, 3}));
}

TEST(LspTextDocument, ClampsOutOfRangePositions) {
  TextDocument doc("ab\r\ncd");
  EXPECT_EQ(doc.offset_at({0, 99}, kUtf16), 2u);  // end of line 0, before CRLF
  EXPECT_EQ(doc.offset_at({7, 0}, kUtf16), 6u);   // past the last line: the end
  EXPECT_EQ(doc.offset_at({-1, -4}, kUtf16), 0u);
  EXPECT_EQ(doc.position_at(3, kUtf16), (LspPosition{0, 2}));  // between CR and LF
  EXPECT_EQ(doc.position_at(1000, kUtf16), (LspPosition{1, 2}));
}

TEST(LspTextDocument, LineEndsCrLfAndLoneCr) {
  TextDocument doc("a\r\nb\rc\nd");
  EXPECT_EQ(doc.line_count(), 4);
  EXPECT_EQ(doc.line(0), "a");
  EXPECT_EQ(doc.line(1), "b");
  EXPECT_EQ(doc.line(2), "c");
  EXPECT_EQ(doc.line(3), "d");
  EXPECT_EQ(doc.line_ending(0), "\r\n");
  EXPECT_EQ(doc.line_ending(1), "\r");
  EXPECT_EQ(doc.line_ending(3), "");
  EXPECT_EQ(doc.offset_at({2, 0}, kUtf16), 5u);
  EXPECT_EQ(doc.offset_at({3, 1}, kUtf16), 8u);
}

TEST(LspTextDocument, IncrementalEdits) {
  TextDocument doc("FROM alpine\nRUN echo hi\n");
  doc.apply_change(LspRange{{1, 9}, {1, 11}}, "bye", kUtf16);
  EXPECT_EQ(doc.text(), "FROM alpine\nRUN echo bye\n");
  doc.apply_change(LspRange{{0, 11}, {1, 0}}, "\nWORKDIR /app\n", kUtf16);
  EXPECT_EQ(doc.text(), "FROM alpine\nWORKDIR /app\nRUN echo bye\n");
  doc.apply_change(LspRange{{1, 0}, {2, 0}}, "", kUtf16);  // delete a whole line
  EXPECT_EQ(doc.text(), "FROM alpine\nRUN echo bye\n");
  doc.apply_change(LspRange{{2, 0}, {2, 0}}, "CMD x", kUtf16);  // append at the end
  EXPECT_EQ(doc.text(), "FROM alpine\nRUN echo bye\nCMD x");
  EXPECT_EQ(doc.line_count(), 3);
}

TEST(LspTextDocument, EditsOnCrLfText) {
  TextDocument doc("FROM a\r\nRUN b\r\n");
  // Replacing a line's content keeps its CRLF.
  doc.apply_change(LspRange{{1, 0}, {1, 99}}, "RUN c", kUtf16);
  EXPECT_EQ(doc.text(), "FROM a\r\nRUN c\r\n");
  // Joining two lines removes the whole CRLF, never half of it.
  doc.apply_change(LspRange{{0, 6}, {1, 0}}, " ", kUtf16);
  EXPECT_EQ(doc.text(), "FROM a RUN c\r\n");
  // A CR at the end and an inserted LF become one line end.
  TextDocument cr("a\r");
  EXPECT_EQ(cr.line_count(), 2);
  cr.apply_change(LspRange{{1, 0}, {1, 0}}, "\nb", kUtf16);
  EXPECT_EQ(cr.text(), "a\r\nb");
  EXPECT_EQ(cr.line_count(), 2);
  EXPECT_EQ(cr.line(1), "b");
}

TEST(LspTextDocument, EditsThatSplitASurrogatePairKeepUtf8Valid) {
  // Deleting the second half of the pair deletes the whole character.
  TextDocument doc(kLine);
  doc.apply_change(LspRange{{0, 4}, {0, 5}}, "", kUtf16);
  EXPECT_EQ(doc.text(),
            "a\xC3\xA9\xE2\x82\xAC"
            "z");
  // Deleting the first half likewise.
  TextDocument doc2(kLine);
  doc2.apply_change(LspRange{{0, 3}, {0, 4}}, "", kUtf16);
  EXPECT_EQ(doc2.text(),
            "a\xC3\xA9\xE2\x82\xAC"
            "z");
  // Inserting in the middle of the pair lands before it.
  TextDocument doc3(kLine);
  doc3.apply_change(LspRange{{0, 4}, {0, 4}}, "X", kUtf16);
  EXPECT_EQ(doc3.text(),
            "a\xC3\xA9\xE2\x82\xAC"
            "X\xF0\x9F\x98\x80z");
  // Inserting a pair through UTF-16 positions, then addressing after it.
  TextDocument doc4("ab");
  doc4.apply_change(LspRange{{0, 1}, {0, 1}}, "\xF0\x9F\x98\x80", kUtf16);
  EXPECT_EQ(doc4.offset_at({0, 3}, kUtf16), 5u);
  doc4.apply_change(LspRange{{0, 3}, {0, 4}}, "c", kUtf16);
  EXPECT_EQ(doc4.text(),
            "a\xF0\x9F\x98\x80"
            "c");
}

TEST(LspTextDocument, ReversedRangeInsertsAtTheStart) {
  TextDocument doc("abcdef");
  doc.apply_change(LspRange{{0, 4}, {0, 2}}, "X", kUtf16);
  EXPECT_EQ(doc.text(), "abcdXef");
}

TEST(LspTextDocument, InvalidUtf8CountsOneUnitPerByte) {
  TextDocument doc("a\xFF\xC3z");
  EXPECT_EQ(doc.offset_at({0, 3}, kUtf16), 3u);
  EXPECT_EQ(doc.position_at(4, kUtf16), (LspPosition{0, 4}));
}

}  // namespace
