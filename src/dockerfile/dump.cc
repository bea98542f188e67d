// BuildKit's Node.Dump() text for a parsed Dockerfile: the format of the
// upstream parser test vectors, used to prove the parser reads files alike.
#include <string>

#include "dockerfile/ast.h"
#include "dockerfile/unicode_class.h"

namespace dd {

namespace {


// Go's unicode.IsPrint, approximated: the controls and the non-printing
// format/separator characters are escaped, everything else is kept.
bool go_printable(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return false;
  if (cp == 0xAD) return false;
  if (cp >= 0x2000 && cp <= 0x200F) return cp < 0x200B;  // spaces print, ZW* don't
  if (cp >= 0x2028 && cp <= 0x202E) return false;
  if (cp >= 0x2060 && cp <= 0x206F) return false;
  if (cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB)) return false;
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;  // private use
  if (cp == 0xFFFE || cp == 0xFFFF) return false;
  return true;
}

void append_hex(std::string& out, unsigned value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int d = digits - 1; d >= 0; --d) out += kHex[(value >> (4 * d)) & 0xF];
}

// strconv.Quote: Go's double-quoted literal of `s`.
std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t len = unicode::decode_valid(s, i, cp);
    if (len == 0) {
      out += "\\x";
      append_hex(out, static_cast<unsigned char>(s[i]), 2);
      ++i;
      continue;
    }
    i += len;
    switch (cp) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\a':
        out += "\\a";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\v':
        out += "\\v";
        continue;
      default:
        break;
    }
    if (go_printable(cp)) {
      out.append(s.substr(i - len, len));
    } else if (cp < 0x80) {
      out += "\\x";
      append_hex(out, static_cast<unsigned>(cp), 2);
    } else if (cp < 0x10000) {
      out += "\\u";
      append_hex(out, static_cast<unsigned>(cp), 4);
    } else {
      out += "\\U";
      append_hex(out, static_cast<unsigned>(cp), 8);
    }
  }
  out += '"';
  return out;
}

// BuildKit's extractBuilderFlags appends each byte as a rune, so a byte
// above 0x7F in a flag comes out as the UTF-8 of U+0080..U+00FF.
std::string flag_bytes_as_runes(std::string_view s) {
  std::string out;
  for (char c : s) {
    unsigned char b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out += c;
    } else {
      out += static_cast<char>(0xC0 | (b >> 6));
      out += static_cast<char>(0x80 | (b & 0x3F));
    }
  }
  return out;
}

void dump_instruction(const Instruction& ins, std::string& out) {
  std::string s = ins.keyword;
  if (!ins.flags.empty()) {
    // Go's %q of a []string; the flag as BuildKit stores it (quotes and
    // escapes removed), rebuilt from its name and value.
    s += " [";
    for (size_t i = 0; i < ins.flags.size(); ++i) {
      const Flag& f = ins.flags[i];
      if (i) s += ' ';
      std::string processed = "--" + f.name;
      if (f.value) processed += "=" + *f.value;
      s += go_quote(flag_bytes_as_runes(processed));
    }
    s += ']';
  }
  if (ins.kind == Keyword::Onbuild) {
    if (!ins.onbuild.empty()) {
      s += " (";
      dump_instruction(ins.onbuild.front(), s);
      s += ')';
    }
  } else if (ins.kind == Keyword::Env || ins.kind == Keyword::Label) {
    for (const KeyValue& kv : ins.pairs) {
      s += ' ';
      s += go_quote(kv.key.text);
      s += ' ';
      s += go_quote(kv.value.text);
      s += kv.legacy ? " \"\"" : " \"=\"";
    }
  } else if (ins.kind == Keyword::Unknown) {
    s += " \"\"";  // BuildKit keeps one empty node for an unknown instruction
  } else {
    for (const Word& w : ins.args) {
      s += ' ';
      s += go_quote(w.text);
    }
  }
  // Node.Dump trims the result (an empty keyword leaves a leading blank).
  size_t b = s.find_first_not_of(' ');
  out += b == std::string::npos ? std::string() : s.substr(b);
}

}  // namespace

std::string dump_ast(const Dockerfile& dockerfile) {
  std::string out;
  for (const Instruction& ins : dockerfile.instructions) {
    out += '(';
    dump_instruction(ins, out);
    out += ")\n";
  }
  return out;
}

}  // namespace dd
