// CMD and ENTRYPOINT words with spans (command_words.h).
#include "rules/command_words.h"

#include <algorithm>

namespace dd::rules {

namespace {

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool quote(char c) { return c == '"' || c == '\''; }

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && blank(s[i])) ++i;
    size_t b = i;
    while (i < s.size() && !blank(s[i])) ++i;
    if (i > b) out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

bool word_matches(std::string_view pattern, std::string_view token) {
  if (token == pattern) return true;
  if (!pattern.empty() && pattern[0] == '-')
    return token.size() > pattern.size() && token.substr(0, pattern.size()) == pattern && token[pattern.size()] == '=';
  size_t slash = token.find_last_of('/');
  return slash != std::string_view::npos && token.substr(slash + 1) == pattern;
}

}  // namespace

CommandWords::CommandWords(const Dockerfile& df, const Instruction& ins) : df_(df), ins_(ins) {
  for (size_t a = 0; a < ins.args.size(); ++a) {
    const Word& w = ins.args[a];
    const std::string& t = w.text;
    size_t i = 0;
    while (i < t.size()) {
      while (i < t.size() && blank(t[i])) ++i;
      size_t b = i;
      while (i < t.size() && !blank(t[i])) ++i;
      size_t e = i;
      bool whole = b == 0 && e == t.size() && ins.json_form;
      // A script's quotes belong to the shell, not to the word.
      while (b < e && quote(t[b])) ++b;
      while (e > b && (quote(t[e - 1]) || t[e - 1] == ';')) --e;
      if (e > b) {
        std::string text = t.substr(b, e - b);
        bool sep = text == "&&" || text == "||" || text == "|" || text == "&";
        tokens_.push_back(Token{text, w.span_of(b, e), a, b, e, whole, sep});
      }
      // `a; b`: the ';' ends a command.
      if (i > 0 && e < i && t[i - 1] == ';') tokens_.push_back(Token{";", w.span_of(i - 1, i), a, i - 1, i, false, true});
    }
  }
}

std::string_view CommandWords::source(const Span& s) const {
  if (s.start.offset > s.end.offset || s.end.offset > df_.text.size()) return {};
  return std::string_view(df_.text).substr(s.start.offset, s.end.offset - s.start.offset);
}

std::optional<CommandMatch> CommandWords::match(const std::vector<std::string>& pattern) const {
  if (pattern.empty()) return std::nullopt;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    if (tokens_[i].separator || !word_matches(pattern[0], tokens_[i].text)) continue;
    size_t p = 1, last = i;
    for (size_t j = i + 1; j < tokens_.size() && p < pattern.size() && !tokens_[j].separator; ++j)
      if (word_matches(pattern[p], tokens_[j].text)) {
        ++p;
        last = j;
      }
    if (p < pattern.size()) continue;
    CommandMatch m;
    m.first = i;
    m.last = last;
    m.span = Span{tokens_[i].span.start, tokens_[last].span.end};
    for (size_t k = i; k <= last; ++k) m.text += (k > i ? " " : "") + tokens_[k].text;
    m.single_flag = pattern.size() == 1 && pattern[0][0] == '-';
    return m;
  }
  return std::nullopt;
}

std::optional<CommandMatch> CommandWords::find_any(const std::vector<std::string>& patterns) const {
  std::optional<CommandMatch> best;
  for (const std::string& p : patterns) {
    std::optional<CommandMatch> m = match(split(p));
    if (m && (!best || m->first < best->first)) best = m;
  }
  return best;
}

std::optional<Fix> CommandWords::removal_fix(const CommandMatch& m) const {
  if (!m.single_flag || m.first == 0 || tokens_[m.first - 1].separator) return std::nullopt;
  const Token& t = tokens_[m.first];
  if (source(t.span) != t.text) return std::nullopt;  // escapes or continuations: not exact
  Span del;
  if (t.whole) {
    // `, "--reload"`: from after the previous element's closing quote to
    // after this one's.
    const Token& prev = tokens_[m.first - 1];
    if (!prev.whole || prev.arg + 1 != t.arg) return std::nullopt;
    size_t from = prev.span.end.offset, to = t.span.end.offset;
    if (to >= df_.text.size() || df_.text[from] != '"' || df_.text[to] != '"') return std::nullopt;
    Span after_prev = ins_.args[prev.arg].span;  // ends at the closing quote
    del.start = after_prev.end;
    del.start.offset += 1;
    del.start.column += 1;
    del.end = t.span.end;
    del.end.offset += 1;
    del.end.column += 1;
  } else {
    // ` --reload` inside a script: the blanks before it go too.
    const Word& w = ins_.args[t.arg];
    size_t b = t.begin;
    while (b > 0 && blank(w.text[b - 1])) --b;
    if (b == t.begin) return std::nullopt;
    del = w.span_of(b, t.end);
    if (source(del) != std::string_view(w.text).substr(b, t.end - b)) return std::nullopt;
  }
  return Fix{"remove `" + t.text + "`", {Edit{del, ""}}, false};
}

}  // namespace dd::rules
