// Dockerfile parser: first cut (continuations, comments, keywords, flags,
// JSON or word arguments). The full BuildKit-faithful version replaces it.
#include <string>

#include "dockerfile/ast.h"

namespace dd {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

Dockerfile parse_dockerfile(std::string_view text) {
  Dockerfile df;
  df.text = std::string(text);
  std::string_view t = df.text;
  size_t pos = 0;
  int line = 1;
  if (t.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  size_t line_start = 0;
  while (pos < t.size()) {
    size_t eol = t.find('\n', pos);
    if (eol == std::string_view::npos) eol = t.size();
    std::string_view raw = t.substr(pos, eol - pos);
    size_t b = 0;
    while (b < raw.size() && is_space(raw[b])) ++b;
    if (b == raw.size() || raw[b] == '#') {
      if (b < raw.size()) {
        Comment c;
        c.text = std::string(raw.substr(b + 1));
        c.span = Span{Position{line, static_cast<int>(pos + b - line_start) + 1, pos + b},
                      Position{line, static_cast<int>(eol - line_start) + 1, eol}};
        df.comments.push_back(c);
      }
      pos = eol + 1;
      ++line;
      line_start = pos;
      continue;
    }
    Instruction ins;
    Word logical;
    size_t start = pos + b;
    Position start_pos{line, static_cast<int>(start - line_start) + 1, start};
    Position end_pos = start_pos;
    // Join continuation lines.
    size_t cur = start;
    for (;;) {
      size_t e = t.find('\n', cur);
      if (e == std::string_view::npos) e = t.size();
      size_t le = e;
      while (le > cur && is_space(t[le - 1])) --le;
      bool cont = le > cur && t[le - 1] == df.escape;
      size_t content_end = cont ? le - 1 : le;
      logical.pieces.push_back(SourcePiece{logical.text.size(),
                                           Position{line, static_cast<int>(cur - line_start) + 1, cur}});
      logical.text.append(t.substr(cur, content_end - cur));
      end_pos = Position{line, static_cast<int>(le - line_start) + 1, le};
      pos = e < t.size() ? e + 1 : e;
      if (e < t.size()) {
        ++line;
        line_start = pos;
      }
      if (!cont || e >= t.size()) break;
      cur = pos;
    }
    logical.span = Span{start_pos, end_pos};
    std::string_view lt = logical.text;
    size_t k = 0;
    while (k < lt.size() && !is_space(lt[k])) ++k;
    ins.keyword = std::string(lt.substr(0, k));
    for (char& c : ins.keyword)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    ins.kind = keyword_from_name(ins.keyword);
    ins.keyword_span = logical.span_of(0, k);
    ins.span = logical.span;
    ins.original = logical.text;
    // Whitespace-separated words after the keyword; leading --flags become flags.
    std::vector<Word> words;
    size_t i = k;
    while (i < lt.size()) {
      while (i < lt.size() && is_space(lt[i])) ++i;
      if (i >= lt.size()) break;
      size_t j = i;
      while (j < lt.size() && !is_space(lt[j])) ++j;
      Word w;
      w.text = std::string(lt.substr(i, j - i));
      w.span = logical.span_of(i, j);
      w.pieces.push_back(SourcePiece{0, w.span.start});
      words.push_back(std::move(w));
      i = j;
    }
    size_t first = 0;
    while (first < words.size() && words[first].text.size() > 2 && words[first].text.substr(0, 2) == "--") {
      Flag f;
      f.raw = words[first].text;
      size_t eq = f.raw.find('=');
      f.name = f.raw.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      if (eq != std::string::npos) f.value = f.raw.substr(eq + 1);
      f.span = words[first].span;
      ins.flags.push_back(std::move(f));
      ++first;
    }
    for (size_t w = first; w < words.size(); ++w) ins.args.push_back(std::move(words[w]));
    if (ins.kind == Keyword::Unknown)
      df.errors.push_back(ParseError{"unknown instruction: " + ins.keyword, ins.keyword_span});
    df.instructions.push_back(std::move(ins));
  }
  if (df.instructions.empty())
    df.errors.push_back(ParseError{"file with no instructions", Span{}});
  // Stages.
  for (size_t i = 0; i < df.instructions.size(); ++i) {
    const Instruction& ins = df.instructions[i];
    if (ins.kind == Keyword::From) {
      Stage s;
      s.index = df.stages.size();
      s.from = i;
      if (!ins.args.empty()) s.base = ins.args[0].text;
      if (ins.args.size() == 3) {
        s.name = ins.args[2].text;
        for (char& c : s.name)
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        s.name_span = ins.args[2].span;
      }
      if (const Flag* p = ins.flag("platform"); p && p->value) s.platform = *p->value;
      df.stages.push_back(std::move(s));
    } else if (df.stages.empty()) {
      if (ins.kind == Keyword::Arg) df.global_args.push_back(i);
    } else {
      df.stages.back().body.push_back(i);
    }
  }
  return df;
}

}  // namespace dd
