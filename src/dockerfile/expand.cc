// Word expansion with the semantics of BuildKit's shell lexer
// (moby/buildkit frontend/dockerfile/shell/lex.go, unix rules, RawQuotes,
// RawEscapes and SkipUnsetEnv off, as the Dockerfile frontend uses it).
// The quirks are BuildKit's and are kept on purpose: a Dockerfile means what
// BuildKit makes of it, not what a POSIX shell would.
#include "dockerfile/expand.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "dockerfile/unicode_class.h"

namespace dd {

namespace {

using unicode::append_utf8;
using unicode::decode;

constexpr char32_t kEof = 0xFFFFFFFF;

// BuildKit recurses without limit; a linter fed hostile input must not run
// out of stack, and no real Dockerfile nests substitutions anywhere near this.
constexpr int kMaxDepth = 128;

// More hostile-input bounds BuildKit does not have. A result past kMaxResult
// fails instead of exhausting memory ($V$V$V... of a large V, ENV doubling).
// Regex matching can cost pattern length times value length, so a wildcard
// pattern is only matched when that product stays under kMaxMatchWork.
constexpr size_t kMaxResult = size_t{64} << 20;
constexpr uint64_t kMaxMatchWork = uint64_t{1} << 26;

// Error messages quote user text; a 10 MB word must not become a 10 MB message.
std::string clip(std::string_view s) {
  constexpr size_t kMax = 120;
  if (s.size() <= kMax) return std::string(s);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

std::string utf8(char32_t r) {
  std::string s;
  append_utf8(s, r);
  return s;
}

// Go's []rune conversion: invalid bytes become U+FFFD.
std::vector<char32_t> runes_of(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto d = decode(s, i);
    out.push_back(d.rune);
    i += d.size;
  }
  return out;
}

std::string string_of(const std::vector<char32_t>& runes) {
  std::string out;
  out.reserve(runes.size());
  for (char32_t r : runes) append_utf8(out, r);
  return out;
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

std::string reverse_runes(std::string_view s) {
  if (is_ascii(s)) return std::string(s.rbegin(), s.rend());
  auto r = runes_of(s);
  std::reverse(r.begin(), r.end());
  return string_of(r);
}

// Reverses a pattern but keeps each backslash in front of the character it
// escapes (a\*c -> c\*a), so a suffix search can run as a prefix search.
template <typename Seq>
Seq reverse_escaped(const Seq& in) {
  Seq out(in.size(), 0);
  const size_t n = in.size();
  for (size_t i = 0; i < n;) {
    const size_t o = n - 1 - i;
    if (in[i] == '\\' && i + 1 < n) {
      out[o - 1] = in[i];
      out[o] = in[i + 1];
      i += 2;
    } else {
      out[o] = in[i];
      ++i;
    }
  }
  return out;
}

std::string reverse_pattern(std::string_view pattern) {
  if (is_ascii(pattern)) return reverse_escaped(std::string(pattern));
  return string_of(reverse_escaped(runes_of(pattern)));
}

// A shell pattern (`*`, `?`, backslash escapes; no brackets) as BuildKit
// turns it into a Go regular expression. Patterns without wildcards are
// matched as plain text: same result, and no regex compile per substitution.
class Pattern {
 public:
  // Returns false with *error set when the pattern has an invalid escape or
  // cannot be compiled.
  bool init(std::string_view pattern, bool greedy, bool anchored, std::string* error) {
    std::string regex = anchored ? "^" : "";
    bool wildcard = false;
    size_t i = 0;
    if (pattern.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // Go's scanner skips a leading BOM
    auto next = [&]() -> char32_t {
      if (i >= pattern.size()) return kEof;
      const auto d = decode(pattern, i);
      i += d.size;
      return d.rune;
    };
    for (char32_t tok = next(); tok != kEof; tok = next()) {
      switch (tok) {
        case '*':
          regex += greedy ? ".*" : ".*?";
          wildcard = true;
          continue;
        case '?':
          regex += '.';
          wildcard = true;
          continue;
        case '\\': {
          // `\}` and `\/` only keep the character from ending ${...}; the
          // backslash is not part of the pattern.
          const char32_t peek = i < pattern.size() ? decode(pattern, i).rune : kEof;
          if (peek == '}' || peek == '/') continue;
          tok = next();
          if (tok != '*' && tok != '?' && tok != '\\') {
            *error = tok == kEof ? "invalid escape '\\' at end of pattern"
                                 : "invalid escape '\\" + utf8(tok) + "'";
            return false;
          }
          regex += '\\';
          append_utf8(literal_, tok);
          append_utf8(regex, tok);
          continue;
        }
        case '[':
        case ']':
        case '{':
        case '}':
        case '.':
        case '+':
        case '(':
        case ')':
        case '|':
        case '^':
        case '$':
          regex += '\\';
          break;
        default:
          break;
      }
      append_utf8(literal_, tok);
      append_utf8(regex, tok);
    }
    anchored_ = anchored;
    size_ = regex.size();
    if (!wildcard) return true;
    RE2::Options options;
    options.set_log_errors(false);
    re_ = std::make_unique<RE2>(regex, options);
    if (!re_->ok()) {
      *error = re_->error();
      return false;
    }
    return true;
  }

  // Whether matching against `text_size` bytes stays within kMaxMatchWork.
  bool affordable(size_t text_size, std::string* error) const {
    if (!re_ || static_cast<uint64_t>(size_) * text_size <= kMaxMatchWork) return true;
    *error = "wildcard pattern too long to match against a value of " + std::to_string(text_size) +
             " bytes";
    return false;
  }

  // The leftmost match starting at or after `from`, as Go's regexp finds it.
  bool find(std::string_view text, size_t from, size_t* begin, size_t* end) const {
    if (!re_) {
      const size_t at =
          anchored_ ? (from == 0 && text.substr(0, literal_.size()) == literal_ ? 0 : text.npos)
                    : text.find(literal_, from);
      if (at == text.npos) return false;
      *begin = at;
      *end = at + literal_.size();
      return true;
    }
    re2::StringPiece m;
    if (!re_->Match(re2::StringPiece(text.data(), text.size()), from, text.size(), RE2::UNANCHORED,
                    &m, 1)) {
      return false;
    }
    *begin = static_cast<size_t>(m.data() - text.data());
    *end = *begin + m.size();
    return true;
  }

 private:
  std::string literal_;  // the pattern's text when it has no wildcard
  bool anchored_ = false;
  size_t size_ = 0;  // of the regex
  std::unique_ptr<RE2> re_;
};

// The patterns of one expansion, each compiled once: hostile words repeat a
// pattern thousands of times, and a regex compile costs microseconds.
class PatternCache {
 public:
  const Pattern* get(std::string_view pattern, bool greedy, bool anchored, std::string* error) {
    std::string key;
    key.reserve(pattern.size() + 2);
    key += greedy ? 'g' : 'l';
    key += anchored ? 'a' : 'u';
    key += pattern;
    if (const auto it = cache_.find(key); it != cache_.end()) return it->second.get();
    auto compiled = std::make_unique<Pattern>();
    if (!compiled->init(pattern, greedy, anchored, error)) return nullptr;
    if (cache_.size() >= kMaxEntries) cache_.clear();
    return cache_.emplace(std::move(key), std::move(compiled)).first->second.get();
  }

 private:
  static constexpr size_t kMaxEntries = 64;
  std::unordered_map<std::string, std::unique_ptr<Pattern>> cache_;
};

bool trim_prefix(PatternCache& cache, std::string_view pattern, std::string_view value, bool greedy,
                 std::string* out, std::string* error) {
  const Pattern* p = cache.get(pattern, greedy, true, error);
  if (!p || !p->affordable(value.size(), error)) return false;
  size_t b, e;
  *out = p->find(value, 0, &b, &e) ? value.substr(e) : value;
  return true;
}

// Go regexps cannot find the shortest rightmost match, so BuildKit reverses
// pattern and value and trims a prefix instead.
bool trim_suffix(PatternCache& cache, std::string_view pattern, std::string_view value, bool greedy,
                 std::string* out, std::string* error) {
  std::string trimmed;
  if (!trim_prefix(cache, reverse_pattern(pattern), reverse_runes(value), greedy, &trimmed,
                   error)) {
    return false;
  }
  *out = reverse_runes(trimmed);
  return true;
}

// Go's Regexp.Expand for a regexp without groups: $0 and ${0} are the match,
// $$ is a dollar, any other well-formed $name is empty, a malformed one is
// literal.
void expand_template(std::string* out, std::string_view tmpl, std::string_view match) {
  size_t i = 0;
  while (i < tmpl.size()) {
    const size_t dollar = tmpl.find('$', i);
    if (dollar == tmpl.npos) break;
    out->append(tmpl, i, dollar - i);
    i = dollar + 1;
    if (i < tmpl.size() && tmpl[i] == '$') {
      *out += '$';
      ++i;
      continue;
    }
    size_t j = i;
    const bool brace = j < tmpl.size() && tmpl[j] == '{';
    if (brace) ++j;
    const size_t name_at = j;
    while (j < tmpl.size()) {
      const auto d = decode(tmpl, j);
      if (!unicode::is_letter(d.rune) && !unicode::is_digit(d.rune) && d.rune != '_') break;
      j += d.size;
    }
    const std::string_view name = tmpl.substr(name_at, j - name_at);
    if (name.empty() || (brace && (j >= tmpl.size() || tmpl[j] != '}'))) {
      *out += '$';
      continue;
    }
    if (brace) ++j;
    i = j;
    if (name == "0") *out += match;
  }
  out->append(tmpl.substr(i));
}

// Go's Regexp.ReplaceAllString, including its rule that an empty match right
// after a previous match is not replaced. Fails when the result grows past
// kMaxResult.
bool replace_all(const Pattern& p, std::string_view value, std::string_view repl,
                 std::string* result) {
  std::string& out = *result;
  size_t last_end = 0, search = 0;
  while (search <= value.size()) {
    size_t b, e;
    if (!p.find(value, search, &b, &e)) break;
    out.append(value.substr(last_end, b - last_end));
    if (e > last_end || b == 0) expand_template(&out, repl, value.substr(b, e - b));
    if (out.size() > kMaxResult) return false;
    last_end = e;
    const size_t width = search < value.size() ? decode(value, search).size : 0;
    if (search + width > e) {
      search += width;
    } else if (search + 1 > e) {
      search++;
    } else {
      search = e;
    }
  }
  out.append(value.substr(last_end));
  return true;
}

bool is_ascii_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b < 0x80 && b != ' ' && (b < '\t' || b > '\r');
}

// Splits expanded text into words as ProcessWords does: whitespace that came
// from unquoted text or an unquoted expansion separates words; quoted text is
// kept whole; "" alone makes no word.
class WordSplitter {
 public:
  void add_char(char32_t ch) {
    if (!unicode::is_space(ch)) {
      add_raw_char(ch);
    } else if (in_word_ && !word_.empty()) {
      words_.push_back(std::move(word_));
      word_.clear();
      in_word_ = false;
    }
  }
  void add_raw_char(char32_t ch) {
    append_utf8(word_, ch);
    in_word_ = true;
  }
  void add_string(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      size_t end = i;  // a run of ASCII non-space bytes goes in at once
      while (end < s.size() && is_ascii_word_byte(s[end])) ++end;
      if (end > i) {
        add_raw_string(s.substr(i, end - i));
        i = end;
        continue;
      }
      const auto d = decode(s, i);
      add_char(d.rune);
      i += d.size;
    }
  }
  void add_raw_string(std::string_view s) {
    word_ += s;
    in_word_ = true;
  }
  std::vector<std::string> finish() {
    if (!word_.empty()) words_.push_back(std::move(word_));
    return std::move(words_);
  }

 private:
  std::vector<std::string> words_;
  std::string word_;
  bool in_word_ = false;
};

void append(std::string* out, std::string&& piece) {
  if (out->empty()) {
    *out = std::move(piece);
  } else {
    *out += piece;
  }
}

bool is_special_param(char32_t ch) {
  switch (ch) {
    case '@':
    case '*':
    case '#':
    case '?':
    case '-':
    case '$':
    case '!':
    case '0':
      return true;
    default:
      return false;
  }
}

class Expander {
 public:
  Expander(std::string_view in, const VarMap& vars, char escape)
      : in_(in), vars_(vars), escape_(static_cast<unsigned char>(escape)) {
    // Go's text/scanner drops a byte order mark at the start of its input.
    if (in_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  bool run(std::string* value, WordSplitter* words) {
    return process_until(kEof, false, 0, value, words);
  }

  std::string error;
  size_t error_offset = 0;
  std::vector<std::string> unset;

 private:
  bool at_end() const { return pos_ >= in_.size(); }
  char32_t peek() const { return at_end() ? kEof : decode(in_, pos_).rune; }
  char32_t next() {
    if (at_end()) return kEof;
    const auto d = decode(in_, pos_);
    pos_ += d.size;
    return d.rune;
  }

  bool fail(std::string message, size_t offset) {
    error = std::move(message);
    error_offset = offset;
    return false;
  }

  bool too_large(size_t offset) {
    return fail("expansion result larger than " + std::to_string(kMaxResult >> 20) + " MiB",
                offset);
  }

  // The variable's value, or nullptr when it is not set (then the name is
  // recorded in `unset`, once, in order of appearance).
  const std::string* lookup(const std::string& name) {
    const auto it = vars_.find(name);
    if (it != vars_.end()) return &it->second;
    if (!name.empty() && seen_unset_.insert(name).second) unset.push_back(name);
    return nullptr;
  }

  // BuildKit's processStopOn: reads up to `stop` (consumed) or the end of
  // input when stop is kEof. With raw escapes the escape character is kept
  // in the output, as patterns need it.
  bool process_until(char32_t stop, bool raw_escapes, int depth, std::string* out,
                     WordSplitter* words) {
    const bool saved_raw = raw_escapes_;
    raw_escapes_ = raw_escapes;
    const bool ok = process_until_inner(stop, depth, out, words);
    raw_escapes_ = saved_raw;
    return ok;
  }

  // End of the run of plain ASCII bytes from `from`: bytes that no rule
  // below treats specially, so they can be copied in one go.
  size_t plain_run(size_t from, char32_t stop, char32_t special, bool spaces_matter) const {
    size_t i = from;
    for (; i < in_.size(); ++i) {
      const auto c = static_cast<unsigned char>(in_[i]);
      if (c >= 0x80 || c == '$' || c == '"' || c == escape_ || c == stop || c == special) break;
      if (spaces_matter && (c == ' ' || (c >= '\t' && c <= '\r'))) break;
    }
    return i;
  }

  bool process_until_inner(char32_t stop, int depth, std::string* out, WordSplitter* words) {
    while (!at_end()) {
      if (const size_t end = plain_run(pos_, stop, '\'', words != nullptr); end > pos_) {
        const std::string_view run = in_.substr(pos_, end - pos_);
        out->append(run);
        if (words) words->add_raw_string(run);
        pos_ = end;
        if (out->size() > kMaxResult) return too_large(pos_);
        continue;
      }
      char32_t ch = peek();
      if (stop != kEof && ch == stop) {
        next();
        return true;
      }
      if (ch == '$' || ch == '\'' || ch == '"') {
        const size_t piece_at = pos_;
        std::string piece;
        const bool ok = ch == '$'   ? dollar(depth, &piece)
                        : ch == '"' ? double_quote(depth, &piece)
                                    : single_quote(&piece);
        if (!ok) return false;
        if (words) {
          if (ch == '$') {
            words->add_string(piece);
          } else {
            words->add_raw_string(piece);
          }
        }
        append(out, std::move(piece));
        if (out->size() > kMaxResult) return too_large(piece_at);
        continue;
      }
      ch = next();
      if (ch == escape_) {
        if (raw_escapes_) {
          if (words) words->add_raw_char(ch);
          append_utf8(*out, ch);
        }
        ch = next();
        if (ch == kEof) break;  // a trailing escape is dropped
        if (words) words->add_raw_char(ch);
      } else if (words) {
        words->add_char(ch);
      }
      append_utf8(*out, ch);
    }
    if (stop != kEof) {
      return fail("unexpected end of statement while looking for matching " + utf8(stop), pos_);
    }
    return true;
  }

  // Everything up to the closing quote is literal; there is no escape.
  bool single_quote(std::string* out) {
    const size_t open = pos_;
    next();
    for (;;) {
      size_t end = pos_;
      while (end < in_.size() && static_cast<unsigned char>(in_[end]) < 0x80 && in_[end] != '\'')
        ++end;
      out->append(in_.substr(pos_, end - pos_));
      pos_ = end;
      if (out->size() > kMaxResult) return too_large(open);
      const char32_t ch = next();
      if (ch == kEof)
        return fail("unexpected end of statement while looking for matching single-quote", open);
      if (ch == '\'') return true;
      append_utf8(*out, ch);
    }
  }

  // $ expands; the escape character escapes only ", $ and itself and is
  // literal before anything else.
  bool double_quote(int depth, std::string* out) {
    const size_t open = pos_;
    next();
    for (;;) {
      const size_t end = plain_run(pos_, kEof, kEof, false);
      out->append(in_.substr(pos_, end - pos_));
      pos_ = end;
      if (out->size() > kMaxResult) return too_large(open);
      switch (peek()) {
        case kEof:
          return fail("unexpected end of statement while looking for matching double-quote", open);
        case '"':
          next();
          return true;
        case '$': {
          const size_t piece_at = pos_;
          std::string piece;
          if (!dollar(depth, &piece)) return false;
          append(out, std::move(piece));
          if (out->size() > kMaxResult) return too_large(piece_at);
          continue;
        }
        default:
          break;
      }
      char32_t ch = next();
      if (ch == escape_) {
        if (raw_escapes_) append_utf8(*out, ch);
        const char32_t after = peek();
        if (after == kEof) continue;  // dropped; the loop then reports the open quote
        if (after == '"' || after == '$' || after == escape_) ch = next();
      }
      append_utf8(*out, ch);
    }
  }

  // A name is letters, digits and underscores not starting with a digit; a
  // run of digits (positional parameter) or one special parameter character.
  std::string read_name() {
    std::string name;
    while (!at_end()) {
      const char32_t ch = peek();
      if (name.empty() && unicode::is_digit(ch)) {
        while (!at_end() && unicode::is_digit(peek())) append_utf8(name, next());
        return name;
      }
      if (name.empty() && is_special_param(ch)) {
        append_utf8(name, next());
        return name;
      }
      if (!unicode::is_letter(ch) && !unicode::is_digit(ch) && ch != '_') break;
      append_utf8(name, next());
    }
    return name;
  }

  bool dollar(int depth, std::string* out) {
    const size_t dollar_at = pos_;
    next();
    if (peek() != '{') {
      const std::string name = read_name();
      if (name.empty()) {
        *out = "$";  // a lone $ is literal
      } else if (const std::string* value = lookup(name)) {
        *out = *value;
      }
      return true;
    }
    if (depth >= kMaxDepth) {
      return fail("substitutions nested more than " + std::to_string(kMaxDepth) + " deep",
                  dollar_at);
    }
    next();
    switch (peek()) {
      case kEof:
        return fail("syntax error: missing '}'", dollar_at);
      case '{':
      case '}':
      case ':':
        return fail("syntax error: bad substitution", dollar_at);
      default:
        break;
    }
    const std::string name = read_name();
    const std::string* value = lookup(name);
    const size_t modifier_at = pos_;
    char32_t ch = next();
    if (ch == kEof) return fail("syntax error: missing '}'", dollar_at);
    std::string modifier = utf8(ch);
    bool null_is_unset = false;
    switch (ch) {
      case '}':
        if (value) *out = *value;
        return true;
      case ':':
        // BuildKit reads any character after ':' and only then rejects the
        // ones it does not support, after reading up to the closing brace.
        null_is_unset = true;
        ch = next();
        if (ch != kEof) modifier += utf8(ch);
        [[fallthrough]];
      case '+':
      case '-':
      case '?':
      case '#':
      case '%': {
        std::string word;
        if (!process_until('}', ch == '#' || ch == '%', depth + 1, &word, nullptr)) {
          if (at_end()) return fail("syntax error: missing '}'", dollar_at);
          return false;
        }
        const bool empty = !value || (null_is_unset && value->empty());
        switch (ch) {
          case '-':
            // Not a ?: expression: that would copy a 10 MB default per level.
            if (empty) {
              *out = std::move(word);
            } else {
              *out = *value;
            }
            return true;
          case '+':
            if (!empty) *out = std::move(word);
            return true;
          case '?':
            if (!value)
              return fail(name + ": " + (word.empty() ? "is not allowed to be unset" : clip(word)),
                          dollar_at);
            if (empty)
              return fail(name + ": " + (word.empty() ? "is not allowed to be empty" : clip(word)),
                          dollar_at);
            *out = *value;
            return true;
          case '#':
          case '%': {
            // # and % remove the shortest match, ## and %% the longest.
            const bool greedy = !word.empty() && static_cast<unsigned char>(word[0]) == ch;
            const std::string_view pattern = std::string_view(word).substr(greedy ? 1 : 0);
            const std::string_view subject = value ? std::string_view(*value) : std::string_view();
            std::string why;
            const bool ok = ch == '%' ? trim_suffix(patterns_, pattern, subject, greedy, out, &why)
                                      : trim_prefix(patterns_, pattern, subject, greedy, out, &why);
            if (!ok)
              return fail("invalid pattern (" + clip(pattern) + ") in substitution: " + why,
                          dollar_at);
            return true;
          }
          default:
            return fail("unsupported modifier (" + modifier + ") in substitution", modifier_at);
        }
      }
      case '/': {
        const bool all = peek() == '/';
        if (all) next();
        std::string pattern, replacement;
        if (!process_until('/', true, depth + 1, &pattern, nullptr)) {
          if (at_end()) return fail("syntax error: missing '/' in ${}", dollar_at);
          return false;
        }
        if (!process_until('}', true, depth + 1, &replacement, nullptr)) {
          if (at_end()) return fail("syntax error: missing '}'", dollar_at);
          return false;
        }
        const std::string_view subject = value ? std::string_view(*value) : std::string_view();
        std::string why;
        const Pattern* p = patterns_.get(pattern, true, false, &why);
        if (!p || !p->affordable(subject.size(), &why)) {
          return fail("invalid pattern (" + clip(pattern) + ") in substitution: " + why, dollar_at);
        }
        if (all) {
          if (!replace_all(*p, subject, replacement, out)) return too_large(dollar_at);
          return true;
        }
        size_t b, e;
        if (!p->find(subject, 0, &b, &e)) {
          *out = subject;
          return true;
        }
        // Unlike ReplaceAll, a single replacement is taken literally.
        *out = subject.substr(0, b);
        *out += replacement;
        *out += subject.substr(e);
        return true;
      }
      default:
        return fail("unsupported modifier (" + modifier + ") in substitution", modifier_at);
    }
  }

  std::string_view in_;
  size_t pos_ = 0;
  const VarMap& vars_;
  char32_t escape_;
  bool raw_escapes_ = false;
  std::unordered_set<std::string> seen_unset_;
  PatternCache patterns_;
};

ExpandResult run(std::string_view text, const VarMap& vars, char escape, bool split) {
  ExpandResult result;
  Expander expander(text, vars, escape);
  WordSplitter words;
  result.ok = expander.run(&result.value, split ? &words : nullptr);
  result.unset = std::move(expander.unset);
  if (!result.ok) {
    result.value.clear();
    result.error = std::move(expander.error);
    result.error_offset = expander.error_offset;
    return result;
  }
  if (split) result.words = words.finish();
  return result;
}

}  // namespace

ExpandResult expand_word(std::string_view word, const VarMap& vars, char escape) {
  return run(word, vars, escape, false);
}

ExpandResult expand_words(std::string_view text, const VarMap& vars, char escape) {
  return run(text, vars, escape, true);
}

}  // namespace dd
