// A JSON array reader matching Go's encoding/json as BuildKit uses it
// (json.NewDecoder(...).Decode(&[]interface{})): strict JSON syntax, nesting
// deeper than 10000 is a syntax error, invalid UTF-8 and lone surrogates in
// strings decode to U+FFFD, and bytes after the array are never looked at.
// Iterative, so hostile nesting cannot exhaust the stack.
#include "dockerfile/json_array.h"

#include <string>
#include <string_view>

#include "dockerfile/text.h"
#include "dockerfile/word_builder.h"

namespace dd::dfparse {

namespace {

constexpr size_t kMaxDepth = 10000;  // Go's encoding/json maxNestingDepth

class Reader {
 public:
  Reader(const Word& line, size_t begin, size_t end)
      : line_(line), s_(line.text), pos_(begin), end_(end) {}

  JsonArray read() {
    JsonArray out;
    skip_ws();
    if (!eat('[')) return out;
    bool first_bad_set = false;
    skip_ws();
    if (eat(']')) {
      out.status = JsonArray::Status::Ok;
      return out;
    }
    for (;;) {
      skip_ws();
      size_t elem_begin = pos_;
      if (peek() == '"') {
        WordBuilder b(line_);
        if (!read_string(&b)) return JsonArray{};
        out.strings.push_back(b.take(elem_begin + 1));
      } else {
        if (!skip_value(1)) return JsonArray{};
        if (!first_bad_set) {
          out.bad_element = Span{line_.position_of(elem_begin), position_after(line_, pos_ - 1)};
          first_bad_set = true;
        }
      }
      skip_ws();
      if (eat(',')) continue;
      if (eat(']')) break;
      return JsonArray{};
    }
    out.status = first_bad_set ? JsonArray::Status::NonString : JsonArray::Status::Ok;
    return out;
  }

 private:
  char peek() const { return pos_ < end_ ? s_[pos_] : '\0'; }
  bool at_end() const { return pos_ >= end_; }
  bool eat(char c) {
    if (pos_ < end_ && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void skip_ws() {
    while (pos_ < end_ &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r'))
      ++pos_;
  }

  static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  // Four hex digits at s_[p]; -1 when they are not there.
  long read_u4(size_t p) const {
    if (p + 4 > end_) return -1;
    long v = 0;
    for (size_t k = 0; k < 4; ++k) {
      int h = hex_value(s_[p + k]);
      if (h < 0) return -1;
      v = v * 16 + h;
    }
    return v;
  }

  // A string token at pos_ ('"'); decodes into `out` when given.
  bool read_string(WordBuilder* out) {
    ++pos_;  // opening quote
    size_t run = pos_;
    auto flush = [&](size_t upto) {
      if (out && upto > run) out->add_range(run, upto);
    };
    while (pos_ < end_) {
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        flush(pos_);
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        flush(pos_);
        size_t esc = pos_;
        if (pos_ + 1 >= end_) return false;
        char e = s_[pos_ + 1];
        std::string decoded;
        size_t consumed = 2;
        switch (e) {
          case '"':
            decoded = "\"";
            break;
          case '\\':
            decoded = "\\";
            break;
          case '/':
            decoded = "/";
            break;
          case 'b':
            decoded = "\b";
            break;
          case 'f':
            decoded = "\f";
            break;
          case 'n':
            decoded = "\n";
            break;
          case 'r':
            decoded = "\r";
            break;
          case 't':
            decoded = "\t";
            break;
          case 'u': {
            long v = read_u4(pos_ + 2);
            if (v < 0) return false;
            consumed = 6;
            char32_t cp = static_cast<char32_t>(v);
            if (cp >= 0xD800 && cp < 0xE000) {
              // A surrogate pair decodes to one rune; anything else is U+FFFD.
              cp = kReplacementChar;
              if (v < 0xDC00 && pos_ + 7 < end_ && s_[pos_ + 6] == '\\' && s_[pos_ + 7] == 'u') {
                long lo = read_u4(pos_ + 8);
                if (lo >= 0xDC00 && lo < 0xE000) {
                  cp = 0x10000 + ((static_cast<char32_t>(v) - 0xD800) << 10) +
                       (static_cast<char32_t>(lo) - 0xDC00);
                  consumed = 12;
                }
              }
            }
            append_utf8(decoded, cp);
            break;
          }
          default:
            return false;
        }
        if (out) out->add_decoded(decoded, esc, esc + consumed);
        pos_ += consumed;
        run = pos_;
        continue;
      }
      if (c < 0x80) {
        ++pos_;
        continue;
      }
      char32_t cp;
      size_t w = decode_rune(s_.substr(0, end_), pos_, cp);
      if (cp == kReplacementChar && w == 1) {
        flush(pos_);
        if (out) out->add_decoded("\xEF\xBF\xBD", pos_, pos_ + 1);
        ++pos_;
        run = pos_;
        continue;
      }
      pos_ += w;
    }
    return false;
  }

  bool read_number() {
    eat('-');
    if (eat('0')) {
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++pos_;
    } else {
      return false;
    }
    if (eat('.')) {
      if (!(peek() >= '0' && peek() <= '9')) return false;
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) return false;
      while (peek() >= '0' && peek() <= '9') ++pos_;
    }
    return true;
  }

  bool read_literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word || pos_ + word.size() > end_) return false;
    pos_ += word.size();
    return true;
  }

  // Any JSON value at pos_, nested `depth` deep already. Containers are
  // tracked on an explicit stack.
  bool skip_value(size_t depth) {
    std::string stack;  // '[' or '{' per open container
    enum { kValue, kKey } want = kValue;
    for (;;) {
      skip_ws();
      if (want == kKey) {
        if (peek() != '"' || !read_string(nullptr)) return false;
        skip_ws();
        if (!eat(':')) return false;
        want = kValue;
        continue;
      }
      char c = peek();
      bool value_done = true;
      if (c == '[' || c == '{') {
        ++pos_;
        if (depth + stack.size() + 1 > kMaxDepth) return false;
        stack += c;
        skip_ws();
        if (eat(c == '[' ? ']' : '}')) {
          stack.pop_back();
        } else {
          want = c == '{' ? kKey : kValue;
          value_done = false;
        }
      } else if (c == '"') {
        if (!read_string(nullptr)) return false;
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        if (!read_number()) return false;
      } else if (c == 't') {
        if (!read_literal("true")) return false;
      } else if (c == 'f') {
        if (!read_literal("false")) return false;
      } else if (c == 'n') {
        if (!read_literal("null")) return false;
      } else {
        return false;
      }
      if (!value_done) continue;
      // After a complete value: close containers or move to the next element.
      for (;;) {
        if (stack.empty()) return true;
        skip_ws();
        if (eat(',')) {
          want = stack.back() == '{' ? kKey : kValue;
          break;
        }
        if (eat(stack.back() == '[' ? ']' : '}')) {
          stack.pop_back();
          continue;
        }
        return false;
      }
    }
  }

  const Word& line_;
  std::string_view s_;
  size_t pos_;
  size_t end_;
};

}  // namespace

JsonArray parse_json_array(const Word& line, size_t begin, size_t end) {
  return Reader(line, begin, end).read();
}

}  // namespace dd::dfparse
