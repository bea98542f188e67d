// The Dockerfile parser: BuildKit's frontend/dockerfile/parser (parser.go,
// line_parsers.go, split_command.go, directives.go) redone in one pass over
// the text, keeping the exact source position of every part. Where BuildKit
// stops at its first error, this records the error and goes on with the next
// instruction, so a linter sees the whole file.
#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"
#include "dockerfile/json_array.h"
#include "dockerfile/parse_internal.h"
#include "dockerfile/text.h"
#include "dockerfile/word_builder.h"

namespace dd {

using namespace dfparse;

namespace {

// bufio.Scanner's default token limit: BuildKit cannot read longer lines.
constexpr size_t kMaxLineBytes = 65535;
// ONBUILD nests through recursion upstream; bound it here.
constexpr int kMaxOnbuildDepth = 8;

struct PhysLine {
  size_t begin = 0;        // first byte
  size_t content_end = 0;  // end without the trailing run of '\r' / '\n'
  size_t next = 0;         // first byte of the following line
  int number = 0;          // 1-based
};

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// Go's regexp \s: ASCII only, and no \v.
bool is_re_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

struct LineWord {
  size_t begin;
  size_t end;
};

// The words of a line as BuildKit's heredocsFromLine lexes them (shell lexer
// with raw quotes, raw escapes, '\' as escape, unset variables kept). False
// when that lexer fails (an unterminated quote): BuildKit then finds no
// heredocs on the line.
bool lex_line_words(std::string_view s, std::vector<LineWord>& out) {
  size_t i = 0, n = s.size(), start = 0;
  bool in_word = false;
  auto begin_word = [&](size_t at) {
    if (!in_word) {
      in_word = true;
      start = at;
    }
  };
  // ${...}: BuildKit errors on a missing '}'.
  auto skip_braces = [&](size_t& j) {
    size_t depth = 0;
    for (; j < n; ++j) {
      if (s[j] == '{') ++depth;
      if (s[j] == '}' && --depth == 0) {
        ++j;
        return true;
      }
    }
    return false;
  };
  while (i < n) {
    char c = s[i];
    if (c == '\'') {
      begin_word(i);
      size_t j = s.find('\'', i + 1);
      if (j == std::string_view::npos) return false;
      i = j + 1;
    } else if (c == '"') {
      begin_word(i);
      size_t j = i + 1;
      for (;;) {
        if (j >= n) return false;
        if (s[j] == '\\') {
          j += 2;
        } else if (s[j] == '"') {
          break;
        } else if (s[j] == '$' && j + 1 < n && s[j + 1] == '{') {
          ++j;
          if (!skip_braces(j)) return false;
        } else {
          ++j;
        }
      }
      i = j + 1;
    } else if (c == '$' && i + 1 < n && s[i + 1] == '{') {
      begin_word(i);
      size_t j = i + 1;
      if (!skip_braces(j)) return false;
      i = j;
    } else if (c == '\\') {
      begin_word(i);
      if (i + 1 >= n) {
        i = n;  // a final escape stays in the word
        break;
      }
      char32_t cp;
      i += 1 + decode_rune(s, i + 1, cp);
    } else {
      char32_t cp;
      size_t w = decode_rune(s, i, cp);
      if (is_unicode_space(cp)) {
        if (in_word) out.push_back({start, i});
        in_word = false;
      } else {
        begin_word(i);
      }
      i += w;
    }
  }
  if (in_word) out.push_back({start, std::min(i, n)});
  return true;
}

// A heredoc delimiter word (`<<EOF`, `<<-'EOF'`, `3<<EOF`), as BuildKit's
// ParseHeredoc reads it: ^(\d*)<<(-?)([^<]*)$.
bool heredoc_from_word(std::string_view w, Heredoc& doc) {
  size_t i = 0;
  while (i < w.size() && w[i] >= '0' && w[i] <= '9') ++i;
  if (w.substr(i, 2) != "<<") return false;
  i += 2;
  doc.chomp = i < w.size() && w[i] == '-';
  if (doc.chomp) ++i;
  std::string_view rest = w.substr(i);
  if (rest.empty() || rest.find('<') != std::string_view::npos) return false;
  // The name is the word with quotes and escapes removed; any quoting quote
  // turns expansion off.
  std::string name;
  size_t quoting = 0;
  for (size_t k = 0; k < rest.size(); ++k) {
    char c = rest[k];
    if (c == '\'') {
      size_t j = rest.find('\'', k + 1);
      if (j == std::string_view::npos) return false;
      name.append(rest.substr(k + 1, j - k - 1));
      quoting += 2;
      k = j;
    } else if (c == '"') {
      size_t j = k + 1;
      for (; j < rest.size() && rest[j] != '"'; ++j) {
        if (rest[j] == '\\' && j + 1 < rest.size() &&
            (rest[j + 1] == '"' || rest[j + 1] == '$' || rest[j + 1] == '\\'))
          ++j;
        name += rest[j];
      }
      if (j >= rest.size()) return false;
      quoting += 2;
      k = j;
    } else if (c == '\\') {
      if (k + 1 < rest.size()) name += rest[++k];
    } else {
      name += c;
    }
  }
  doc.name = std::move(name);
  doc.expand = quoting == 0;
  return true;
}

class Parser {
 public:
  explicit Parser(Dockerfile& df) : df_(df), text_(df.text) {}

  void run();

 private:
  bool next_line(PhysLine& line);
  Position pos_in(const PhysLine& line, size_t offset) const {
    return Position{line.number, static_cast<int>(offset - line.begin) + 1, offset};
  }
  void error(std::string message, Span span, ErrorLayer layer = ErrorLayer::Syntax) {
    df_.errors.push_back(ParseError{std::move(message), span, layer});
  }
  bool is_comment_line(const PhysLine& line, size_t begin, size_t* hash) const;
  Comment make_comment(const PhysLine& line, size_t hash) const;
  bool check_directive(const PhysLine& line, size_t token_begin);
  size_t continuation_cut(size_t begin, size_t end, bool* continues) const;

  Instruction parse_instruction(const Word& line, size_t b, size_t e, int depth);
  size_t extract_flags(const Word& line, size_t b, size_t e, Instruction& ins);
  // Calls `emit` with each word; stops early when it returns false.
  void parse_words(const Word& line, size_t b, size_t e,
                   const std::function<bool(Word&&)>& emit) const;
  void split_blank_delimited(const Word& line, size_t b, size_t e, std::vector<Word>& out) const;
  void parse_name_val(const Word& line, size_t b, size_t e, Instruction& ins);
  void parse_name_or_name_val(const Word& line, size_t b, size_t e, Instruction& ins);
  bool parse_json(const Word& line, size_t b, size_t e, Instruction& ins, bool* rejected);
  void parse_maybe_json(const Word& line, size_t b, size_t e, Instruction& ins);
  void parse_maybe_json_to_list(const Word& line, size_t b, size_t e, Instruction& ins);
  void parse_healthcheck(const Word& line, size_t b, size_t e, Instruction& ins);
  void read_heredocs(const Word& line, Instruction& target, Position* end);
  // The position of pos_: the start of the next unread line.
  Position here() const {
    if (pos_ >= text_.size() && !text_.empty() && text_.back() != '\n')
      return Position{line_count_, static_cast<int>(pos_ - last_line_begin_) + 1, pos_};
    return Position{line_count_ + 1, 1, pos_};
  }

  Dockerfile& df_;
  std::string_view text_;
  size_t pos_ = 0;
  int line_count_ = 0;
  size_t last_line_begin_ = 0;
  bool directives_done_ = false;
  std::vector<std::string> seen_directives_;
  std::vector<Comment> pending_comments_;
  std::vector<bool> syntax_failed_;  // per instruction: the parser layer rejected it
};

bool Parser::next_line(PhysLine& line) {
  if (pos_ >= text_.size()) return false;
  size_t nl = text_.find('\n', pos_);
  size_t end = nl == std::string_view::npos ? text_.size() : nl;
  line.begin = pos_;
  line.next = nl == std::string_view::npos ? text_.size() : nl + 1;
  size_t ce = end;
  while (ce > line.begin && text_[ce - 1] == '\r') --ce;
  line.content_end = ce;
  line.number = ++line_count_;
  last_line_begin_ = line.begin;
  pos_ = line.next;
  if (end - line.begin > kMaxLineBytes) {
    error(
        "dockerfile line greater than max allowed size of 65535: BuildKit cannot read lines longer "
        "than 65535 bytes",
        Span{pos_in(line, line.begin), pos_in(line, end)});
  }
  return true;
}

bool Parser::is_comment_line(const PhysLine& line, size_t begin, size_t* hash) const {
  size_t b = skip_space_forward(text_, begin, line.content_end);
  if (b < line.content_end && text_[b] == '#') {
    *hash = b;
    return true;
  }
  return false;
}

Comment Parser::make_comment(const PhysLine& line, size_t hash) const {
  Comment c;
  size_t end = skip_space_backward(text_, hash, line.content_end);
  size_t tb = skip_space_forward(text_, hash + 1, end);
  c.text = std::string(text_.substr(tb, end - tb));
  c.span = Span{pos_in(line, hash), pos_in(line, end)};
  return c;
}

// BuildKit's DirectiveParser: `# name = value` lines before anything else.
// True when the line is a directive.
bool Parser::check_directive(const PhysLine& line, size_t tb) {
  if (directives_done_) return false;
  std::string_view t = text_.substr(tb, line.content_end - tb);
  // ^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$
  size_t i = 0;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto fail = [&] {
    directives_done_ = true;
    return false;
  };
  if (t.empty() || t[0] != '#') return fail();
  ++i;
  while (i < t.size() && is_re_space(t[i])) ++i;
  if (i >= t.size() || !alpha(t[i])) return fail();
  size_t name_b = i;
  while (i < t.size() && (alpha(t[i]) || (t[i] >= '0' && t[i] <= '9'))) ++i;
  std::string name = lower(t.substr(name_b, i - name_b));
  while (i < t.size() && is_re_space(t[i])) ++i;
  if (i >= t.size() || t[i] != '=') return fail();
  ++i;
  std::string_view rest = t.substr(i);
  if (rest.empty()) return fail();
  size_t vb = 0;
  while (vb < rest.size() && is_re_space(rest[vb])) ++vb;
  size_t ve = rest.size();
  while (ve > vb && is_re_space(rest[ve - 1])) --ve;
  std::string value;
  size_t value_at;
  if (vb == ve) {
    // All blanks: the lazy (.+?) still has to take one of them.
    value = std::string(1, rest.back());
    value_at = i + rest.size() - 1;
  } else {
    value = std::string(rest.substr(vb, ve - vb));
    value_at = i + vb;
  }
  if (name != "syntax" && name != "escape" && name != "check") return fail();
  Span span{pos_in(line, tb), pos_in(line, tb + (vb == ve ? t.size() : i + ve))};
  for (const std::string& seen : seen_directives_) {
    if (seen == name) {
      error("only one " + name + " parser directive can be used: remove this repeated `# " + name +
                "=` line",
            span);
      return true;
    }
  }
  seen_directives_.push_back(name);
  if (name == "escape") {
    if (value != "\\" && value != "`") {
      Span vspan{pos_in(line, tb + value_at), pos_in(line, tb + value_at + value.size())};
      error("invalid escape token '" + clip(value) +
                "' does not match ` or \\: expected `# escape=\\` or `# escape=``",
            vspan);
      return true;
    }
    df_.escape = value[0];
  }
  df_.directives.push_back(Directive{name, value, span});
  return true;
}

// BuildKit's line-continuation regex: ([^E])E[ \t]*$|^E[ \t]*$ with E the
// escape character. Returns where the kept text ends.
size_t Parser::continuation_cut(size_t b, size_t e, bool* continues) const {
  size_t k = e;
  while (k > b && (text_[k - 1] == ' ' || text_[k - 1] == '\t')) --k;
  *continues = false;
  if (k == b || text_[k - 1] != df_.escape) return e;
  size_t esc = k - 1;
  if (esc > b && text_[esc - 1] == df_.escape) return e;  // an escaped escape character
  *continues = true;
  return esc;
}

// extractBuilderFlags: leading `--name[=value]` words, quotes removed, '\'
// escaping the next byte. Works on bytes like upstream, so 0x85 and 0xA0
// count as blanks. Returns where the arguments start.
size_t Parser::extract_flags(const Word& line, size_t b, size_t e, Instruction& ins) {
  std::string_view s = line.text;
  enum { kSpaces, kWord, kQuote } phase = kSpaces;
  WordBuilder word(line);
  size_t word_begin = b;
  char quote = 0;
  bool blank_ok = false;
  size_t run_b = 0, run_e = 0;  // bytes waiting to be copied into `word`
  auto flush = [&] {
    if (run_e > run_b) word.add_range(run_b, run_e);
    run_b = run_e = 0;
  };
  auto add = [&](size_t at) {
    if (run_e == at && run_e > run_b) {
      run_e = at + 1;
    } else {
      flush();
      run_b = at;
      run_e = at + 1;
    }
  };
  auto emit = [&](size_t end) {
    flush();
    Word w = word.take(word_begin);
    Flag f;
    f.raw = std::string(s.substr(word_begin, end - word_begin));
    f.span = Span{line.position_of(word_begin), position_after(line, end - 1)};
    size_t eq = w.text.find('=');
    f.name = w.text.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    if (eq != std::string::npos) {
      f.value = w.text.substr(eq + 1);
      f.value_span = w.span_of(eq + 1, w.text.size());
      if (eq + 1 == w.text.size()) f.value_span = Span{f.span.end, f.span.end};
    } else {
      f.value_span = Span{f.span.end, f.span.end};
    }
    if (f.name == "mount" && f.value) f.options = mount_options(*f.value);
    ins.flags.push_back(std::move(f));
  };
  for (size_t pos = b; pos <= e; ++pos) {
    unsigned char ch = pos < e ? static_cast<unsigned char>(s[pos]) : 0;
    if (phase == kSpaces) {
      if (pos == e) break;
      if (is_byte_space(ch)) continue;
      if (ch != '-' || pos + 1 == e || s[pos + 1] != '-') return pos;
      phase = kWord;
      word_begin = pos;
    }
    if (pos == e) {
      flush();
      if (word.text() != "--" && (blank_ok || word.size() > 0)) emit(e);
      break;
    }
    if (phase == kWord) {
      if (is_byte_space(ch)) {
        phase = kSpaces;
        flush();
        if (word.text() == "--") return pos;
        if (blank_ok || word.size() > 0) emit(pos);
        word.take(pos);
        blank_ok = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = static_cast<char>(ch);
        blank_ok = true;
        phase = kQuote;
        continue;
      }
      if (ch == '\\') {
        if (pos + 1 == e) continue;
        ++pos;
      }
      add(pos);
      continue;
    }
    // kQuote
    if (ch == static_cast<unsigned char>(quote)) {
      phase = kWord;
      continue;
    }
    if (ch == '\\') {
      if (pos + 1 == e) {
        phase = kWord;
        continue;
      }
      ++pos;
    }
    add(pos);
  }
  return e;
}

// parseWords: blank-separated words, quotes kept, the escape character kept
// with the byte it escapes. Runes are decoded like Go, so an invalid byte
// becomes U+FFFD in the word.
void Parser::parse_words(const Word& line, size_t b, size_t e,
                         const std::function<bool(Word&&)>& emit) const {
  std::string_view s = line.text;
  enum { kSpaces, kWord, kQuote } phase = kSpaces;
  WordBuilder word(line);
  char32_t quote = 0;
  bool blank_ok = false;
  char32_t ch = 0;
  size_t width = 1;
  // Copied runes are gathered into runs [run_b, run_e) and copied at once.
  size_t run_b = 0, run_e = 0;
  auto flush = [&] {
    if (run_e > run_b) word.add_range(run_b, run_e);
    run_b = run_e = 0;
  };
  auto add = [&](size_t at, size_t w, char32_t cp) {
    if (cp == kReplacementChar && w == 1) {
      flush();
      word.add_decoded("\xEF\xBF\xBD", at, at + 1);
    } else if (run_e == at && run_e > run_b) {
      run_e = at + w;
    } else {
      flush();
      run_b = at;
      run_e = at + w;
    }
  };
  for (size_t pos = b; pos <= e; pos += width) {
    if (pos != e) width = decode_rune(s.substr(0, e), pos, ch);
    if (phase == kSpaces) {
      if (pos == e) break;
      if (is_unicode_space(ch)) continue;
      phase = kWord;
    }
    if (pos == e) {
      flush();
      if (blank_ok || word.size() > 0) emit(word.take(pos));
      break;
    }
    if (phase == kWord) {
      if (is_unicode_space(ch)) {
        phase = kSpaces;
        flush();
        if ((blank_ok || word.size() > 0) && !emit(word.take(pos))) return;
        word.take(pos);
        blank_ok = false;
        continue;
      }
      if (ch == '\'' || ch == '"') {
        quote = ch;
        blank_ok = true;
        phase = kQuote;
      }
      if (ch == static_cast<unsigned char>(df_.escape)) {
        if (pos + width == e) continue;  // an escape at the very end is dropped
        add(pos, width, ch);
        pos += width;
        width = decode_rune(s.substr(0, e), pos, ch);
      }
      add(pos, width, ch);
      continue;
    }
    // kQuote
    if (ch == quote) phase = kWord;
    if (ch == static_cast<unsigned char>(df_.escape) && quote != '\'') {
      if (pos + width == e) {
        phase = kWord;
        continue;
      }
      add(pos, width, ch);
      pos += width;
      width = decode_rune(s.substr(0, e), pos, ch);
    }
    add(pos, width, ch);
  }
}

// reWhitespace.Split: words separated by runs of [\t\v\f\r ].
void Parser::split_blank_delimited(const Word& line, size_t b, size_t e,
                                   std::vector<Word>& out) const {
  std::string_view s = line.text;
  size_t i = b;
  while (i <= e) {
    size_t j = i;
    while (j < e && !is_ascii_blank(s[j])) ++j;
    out.push_back(slice_word(line, i, j));
    if (j >= e) break;
    while (j < e && is_ascii_blank(s[j])) ++j;
    i = j;
  }
}

// A `key=value` word cut at its first '=' (at `eq`) into two words.
KeyValue split_pair(const Word& w, size_t eq) {
  KeyValue kv;
  kv.key.text = w.text.substr(0, eq);
  kv.key.span = w.span_of(0, eq);
  kv.value.text = w.text.substr(eq + 1);
  kv.value.span =
      eq + 1 < w.text.size() ? w.span_of(eq + 1, w.text.size()) : Span{w.span.end, w.span.end};
  // The pieces of each half, rebased on that half.
  for (const SourcePiece& p : w.pieces)
    if (p.text_offset < eq) kv.key.pieces.push_back(p);
  if (kv.key.pieces.empty()) kv.key.pieces.push_back(SourcePiece{0, kv.key.span.start});
  kv.value.pieces.push_back(SourcePiece{0, kv.value.span.start});
  for (const SourcePiece& p : w.pieces)
    if (p.text_offset > eq + 1)
      kv.value.pieces.push_back(SourcePiece{p.text_offset - eq - 1, p.source});
  kv.has_value = true;
  return kv;
}

// An upper bound of the key=value words in s[b, e), to size the pair list
// once: huge lines of pairs would otherwise be copied as the list grows.
size_t pair_bound(std::string_view s, size_t b, size_t e) {
  size_t eq = 0, words = 0;
  bool in_word = false;
  for (size_t i = b; i < e; ++i) {
    eq += s[i] == '=';
    bool blank = is_byte_space(static_cast<unsigned char>(s[i]));
    words += !blank && !in_word;
    in_word = !blank;
  }
  return std::min(eq, words);
}

// ENV and LABEL: `key=value ...`, or the legacy `key value` when the first
// word has no '='.
void Parser::parse_name_val(const Word& line, size_t b, size_t e, Instruction& ins) {
  std::string name(keyword_name(ins.kind));
  ins.pairs.reserve(pair_bound(line.text, b, e));
  bool first = true;
  parse_words(line, b, e, [&](Word&& w) {
    size_t eq = w.text.find('=');
    if (first && eq == std::string::npos) {
      size_t k = b;
      while (k < e && !is_ascii_blank(line.text[k])) ++k;
      if (k >= e) {
        error(name + " must have two arguments: expected `" + name + " " + clip(w.text) +
                  "=<value>` (or the legacy `" + name + " " + clip(w.text) + " <value>`)",
              Span{line.position_of(b), position_after(line, e - 1)});
        return false;
      }
      size_t v = k;
      while (v < e && is_ascii_blank(line.text[v])) ++v;
      KeyValue kv;
      kv.key = slice_word(line, b, k);
      kv.value = slice_word(line, v, e);
      kv.has_value = true;
      kv.legacy = true;
      ins.pairs.push_back(std::move(kv));
      return false;
    }
    first = false;
    if (eq == std::string::npos) {
      error("Syntax error - can't find = in \"" + clip(w.text) +
                "\". Must be of the form: name=value",
            w.span);
      return false;
    }
    ins.pairs.push_back(split_pair(w, eq));
    return true;
  });
}

// ARG: each word is `name` or `name=default`.
void Parser::parse_name_or_name_val(const Word& line, size_t b, size_t e, Instruction& ins) {
  ins.pairs.reserve(pair_bound(line.text, b, e));
  parse_words(line, b, e, [&](Word&& w) {
    size_t eq = w.text.find('=');
    if (eq != std::string::npos) {
      ins.pairs.push_back(split_pair(w, eq));
    } else {
      KeyValue kv;
      kv.key = w;
      kv.value.span = Span{w.span.end, w.span.end};
      kv.value.pieces.push_back(SourcePiece{0, w.span.end});
      ins.pairs.push_back(std::move(kv));
    }
    ins.args.push_back(std::move(w));
    return true;
  });
}

// parseJSON. True when the arguments were a JSON array of strings; *rejected
// when they were JSON with a non-string element (BuildKit's hard error).
bool Parser::parse_json(const Word& line, size_t b, size_t e, Instruction& ins, bool* rejected) {
  *rejected = false;
  b = skip_space_forward(line.text, b, e);
  if (b >= e || line.text[b] != '[') return false;
  JsonArray arr = parse_json_array(line, b, e);
  if (arr.status == JsonArray::Status::NotJson) return false;
  ins.json_form = true;
  for (Word& w : arr.strings) ins.args.push_back(std::move(w));
  if (arr.status == JsonArray::Status::NonString) {
    *rejected = true;
    error(
        "when using JSON array syntax, arrays must be comprised of strings only: expected a "
        "\"string\" here",
        arr.bad_element);
  }
  return true;
}

void Parser::parse_maybe_json(const Word& line, size_t b, size_t e, Instruction& ins) {
  if (b >= e) return;
  bool rejected;
  if (parse_json(line, b, e, ins, &rejected)) return;
  ins.args.push_back(slice_word(line, b, e));
}

void Parser::parse_maybe_json_to_list(const Word& line, size_t b, size_t e, Instruction& ins) {
  bool rejected;
  if (parse_json(line, b, e, ins, &rejected)) return;
  if (b < e) split_blank_delimited(line, b, e, ins.args);
}

// HEALTHCHECK: the type word, then the command as parseMaybeJSON reads it.
void Parser::parse_healthcheck(const Word& line, size_t b, size_t e, Instruction& ins) {
  std::string_view s = line.text;
  size_t sep = b;
  while (sep < e && !is_byte_space(static_cast<unsigned char>(s[sep]))) ++sep;
  size_t next = sep;
  while (next < e && is_byte_space(static_cast<unsigned char>(s[next]))) ++next;
  if (sep == b) return;
  ins.args.push_back(slice_word(line, b, sep));
  parse_maybe_json(line, next, e, ins);
}

// newNodeFromLine on line.text[b, e): keyword, flags, then the keyword's own
// argument reader.
Instruction Parser::parse_instruction(const Word& line, size_t b, size_t e, int depth) {
  std::string_view s = line.text;
  Instruction ins;
  b = skip_space_forward(s, b, e);
  e = skip_space_backward(s, b, e);
  size_t kw_end = b;
  while (kw_end < e && !is_ascii_blank(s[kw_end])) ++kw_end;
  ins.keyword = lower(s.substr(b, kw_end - b));
  ins.kind = keyword_from_name(ins.keyword);
  ins.keyword_span = kw_end > b ? Span{line.position_of(b), position_after(line, kw_end - 1)}
                                : Span{line.position_of(b), line.position_of(b)};
  ins.original = std::string(s.substr(b, e - b));
  size_t ab = e, ae = e;
  if (kw_end < e) {
    size_t r = kw_end;
    while (r < e && is_ascii_blank(s[r])) ++r;
    size_t args_at = extract_flags(line, r, e, ins);
    ab = skip_space_forward(s, args_at, e);
    ae = skip_space_backward(s, ab, e);
  }
  switch (ins.kind) {
    case Keyword::Add:
    case Keyword::Copy:
    case Keyword::Volume:
      parse_maybe_json_to_list(line, ab, ae, ins);
      break;
    case Keyword::Arg:
      parse_name_or_name_val(line, ab, ae, ins);
      break;
    case Keyword::Cmd:
    case Keyword::Entrypoint:
    case Keyword::Run:
    case Keyword::Shell:
      parse_maybe_json(line, ab, ae, ins);
      break;
    case Keyword::Env:
    case Keyword::Label:
      parse_name_val(line, ab, ae, ins);
      break;
    case Keyword::Expose:
    case Keyword::From:
      if (ab < ae) split_blank_delimited(line, ab, ae, ins.args);
      break;
    case Keyword::Healthcheck:
      parse_healthcheck(line, ab, ae, ins);
      break;
    case Keyword::Onbuild:
      if (ab >= ae) break;
      if (depth >= kMaxOnbuildDepth) {
        error("ONBUILD nested too deeply: expected one trigger instruction after ONBUILD",
              Span{line.position_of(ab), position_after(line, ae - 1)}, ErrorLayer::Instruction);
        break;
      }
      ins.onbuild.push_back(parse_instruction(line, ab, ae, depth + 1));
      break;
    case Keyword::Maintainer:
    case Keyword::Stopsignal:
    case Keyword::User:
    case Keyword::Workdir:
    case Keyword::Unknown:
      // parseString; BuildKit drops an unknown instruction's arguments, the
      // model keeps them as one word for rules that suggest a fix.
      if (ab < ae) ins.args.push_back(slice_word(line, ab, ae));
      break;
  }
  ins.span = Span{line.position_of(b), e > b ? position_after(line, e - 1) : line.position_of(b)};
  return ins;
}

// The bodies of the heredocs named on the instruction line, read from the
// lines that follow it.
void Parser::read_heredocs(const Word& line, Instruction& target, Position* end) {
  std::vector<LineWord> words;
  if (!lex_line_words(line.text, words)) return;
  for (const LineWord& w : words) {
    Heredoc doc;
    if (!heredoc_from_word(std::string_view(line.text).substr(w.begin, w.end - w.begin), doc))
      continue;
    doc.header_span = Span{line.position_of(w.begin), position_after(line, w.end - 1)};
    Position body_start = here();
    bool terminated = false;
    PhysLine l;
    Position body_end = body_start;
    while (next_line(l)) {
      std::string_view cand = text_.substr(l.begin, l.content_end - l.begin);
      if (doc.chomp) {
        while (!cand.empty() && cand[0] == '\t') cand.remove_prefix(1);
      }
      if (cand == doc.name) {
        terminated = true;
        body_end = pos_in(l, l.begin);
        *end = pos_in(l, l.content_end);
        break;
      }
      std::string_view raw = text_.substr(l.begin, l.next - l.begin);
      if (doc.chomp) {
        while (!raw.empty() && raw[0] == '\t') raw.remove_prefix(1);
      }
      doc.content.append(raw);
      body_end = here();
      *end = pos_in(l, l.content_end);
    }
    doc.body_span = Span{body_start, body_end};
    if (!terminated) {
      error("unterminated heredoc: expected a line `" + clip(doc.name) +
                "` to close the here-document opened here",
            doc.header_span);
    }
    target.heredocs.push_back(std::move(doc));
    if (!terminated) break;
  }
}

void Parser::run() {
  std::string_view head = text_.substr(0, 2);
  if (head == "\xFF\xFE" || head == "\xFE\xFF") {
    // BuildKit reads bytes as UTF-8 and would only report the garbled first
    // instruction; say what is actually wrong.
    error("the file is UTF-16 encoded: Dockerfiles must be UTF-8 (a UTF-8 byte order mark is fine)",
          Span{Position{1, 1, 0}, Position{1, 3, 2}}, ErrorLayer::Instruction);
  }
  PhysLine l;
  bool first = true;
  while (next_line(l)) {
    size_t begin = l.begin;
    if (first) {
      first = false;
      if (starts_with(text_.substr(begin, l.content_end - begin), "\xEF\xBB\xBF")) begin += 3;
    }
    size_t hash = 0;
    bool comment = is_comment_line(l, begin, &hash);
    size_t tb = skip_space_forward(text_, begin, l.content_end);
    bool directive = check_directive(l, tb);
    if (comment) {
      if (!directive) {
        Comment c = make_comment(l, hash);
        // An empty `#` line cuts the comment block above an instruction.
        if (c.text.empty())
          pending_comments_.clear();
        else
          pending_comments_.push_back(c);
        df_.comments.push_back(std::move(c));
      }
      continue;
    }
    if (tb == l.content_end) continue;  // blank line

    // Join the continuation lines into one logical line. Comment lines and
    // blank lines inside a continuation are skipped, as BuildKit does.
    bool cont = false;
    size_t cut = continuation_cut(tb, l.content_end, &cont);
    Word line;
    Position start = pos_in(l, tb);
    if (cut > tb) {
      line.pieces.push_back(SourcePiece{0, start});
      line.text.assign(text_.substr(tb, cut - tb));
    }
    Position last_end = pos_in(l, skip_space_backward(text_, tb, l.content_end));
    while (cont) {
      PhysLine n;
      if (!next_line(n)) break;
      size_t h = 0;
      if (is_comment_line(n, n.begin, &h)) {
        df_.comments.push_back(make_comment(n, h));
        continue;
      }
      if (skip_space_forward(text_, n.begin, n.content_end) == n.content_end) continue;
      size_t c2 = continuation_cut(n.begin, n.content_end, &cont);
      if (c2 > n.begin) {
        line.pieces.push_back(SourcePiece{line.text.size(), pos_in(n, n.begin)});
        line.text.append(text_.substr(n.begin, c2 - n.begin));
      }
      last_end = pos_in(n, skip_space_backward(text_, n.begin, n.content_end));
    }
    line.span = Span{start, last_end};

    size_t errors_before = df_.errors.size();
    Instruction ins = parse_instruction(line, 0, line.text.size(), 0);
    if (line.text.empty()) ins.span = ins.keyword_span = Span{start, start};
    Instruction* target = &ins;
    if (ins.kind == Keyword::Onbuild && !ins.onbuild.empty()) target = &ins.onbuild.front();
    bool heredoc_kind = target->kind == Keyword::Run || target->kind == Keyword::Copy ||
                        target->kind == Keyword::Add;
    if (heredoc_kind && !target->json_form && line.text.find("<<") != std::string::npos) {
      Position end = ins.span.end;
      read_heredocs(line, *target, &end);
      if (end.offset > ins.span.end.offset) ins.span.end = end;
      if (target != &ins && end.offset > target->span.end.offset) target->span.end = end;
    }
    ins.comments_before = std::move(pending_comments_);
    pending_comments_.clear();
    bool failed = false;
    for (size_t k = errors_before; k < df_.errors.size(); ++k)
      failed = failed || df_.errors[k].layer == ErrorLayer::Syntax;
    syntax_failed_.push_back(failed);
    df_.instructions.push_back(std::move(ins));
  }
  if (df_.instructions.empty()) {
    // Point at the last line, as BuildKit does.
    Position start{line_count_ > 0 ? line_count_ : 1, 1, last_line_begin_};
    size_t end = text_.size();
    while (end > last_line_begin_ && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) --end;
    Position stop{start.line, static_cast<int>(end - last_line_begin_) + 1, end};
    error("file with no instructions: expected at least one instruction such as FROM",
          Span{start, stop});
  }
  check_instructions(df_, syntax_failed_);
}

}  // namespace

Dockerfile parse_dockerfile(std::string_view text) {
  Dockerfile df;
  df.text = std::string(text);
  Parser(df).run();
  df.instructions.shrink_to_fit();  // kept until the run ends (see build_shell_model)
  return df;
}

}  // namespace dd
