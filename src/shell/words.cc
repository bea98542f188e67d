// Quote removal as the shell does it (POSIX 2.6.7), keeping for each output
// byte the file position of the byte it came from, so a rule can point at the
// `false` of `--lockfile="false"`.
#include "shell/words.h"

#include <algorithm>

namespace dd::shell {
namespace {

constexpr size_t kMaxDynamicCopy = 4096;

class WordBuilder {
 public:
  // `value_map`, when given, receives the map of the word's value as a
  // script of its own (the inside of sh -c '...').
  WordBuilder(const ScriptView& s, SourceMap* value_map) : s_(s), value_map_(value_map) {}

  // Appends script[b, e) verbatim.
  void copy(size_t b, size_t e) {
    s_.map.for_each_run(b, e, [&](size_t rb, size_t re, Position p, size_t width) {
      note(p);
      size_t at = w_.value.size();
      w_.value.append(s_.text.substr(rb, re - rb));
      if (!value_map_) return;
      if (width)
        value_map_->add_escape(at, p, width);
      else
        value_map_->add_copy(w_.value, at, re - rb, p);
    });
  }
  // Appends `c`, which stands for the escape sequence script[src, src_end)
  // (a backslash and the character it escapes).
  void decoded(char c, size_t src, size_t src_end) {
    Span from = s_.map.span(src, src_end);
    note(from.start);
    if (value_map_)
      value_map_->add_escape(w_.value.size(), from.start, from.end.offset - from.start.offset);
    w_.value.push_back(c);
  }

  void unquoted(size_t b, size_t e) {
    size_t i = b;
    while (i < e) {
      char c = s_.text[i];
      if (c == '\\' && i + 1 < e) {
        if (s_.text[i + 1] != '\n') decoded(s_.text[i + 1], i, i + 2);
        i += 2;
        continue;
      }
      if (c == '~' && w_.value.empty()) w_.dynamic = true;  // tilde expansion
      // At least one byte per step: a backslash that ends the range (nothing
      // left to escape) is copied as itself instead of looping forever.
      size_t j = i;
      do {
        char d = s_.text[j];
        if (d == '*' || d == '?' || d == '[') w_.glob = true;
        ++j;
      } while (j < e && s_.text[j] != '\\');
      copy(i, j);
      i = j;
    }
  }

  // Inside "...": a backslash escapes only $ ` " \ and newline.
  void double_quoted(size_t b, size_t e) {
    size_t i = b;
    while (i < e) {
      char c = s_.text[i];
      if (c == '\\' && i + 1 < e) {
        char n = s_.text[i + 1];
        if (n == '$' || n == '`' || n == '"' || n == '\\') {
          decoded(n, i, i + 2);
          i += 2;
          continue;
        }
        if (n == '\n') {
          i += 2;
          continue;
        }
      }
      size_t j = i + 1;
      while (j < e && s_.text[j] != '\\') ++j;
      copy(i, j);
      i = j;
    }
  }

  // $'...': the common backslash escapes.
  void ansi_c(size_t b, size_t e) {
    size_t i = b;
    while (i < e) {
      if (s_.text[i] == '\\' && i + 1 < e) {
        char n = s_.text[i + 1];
        char out = 0;
        switch (n) {
          case 'n':
            out = '\n';
            break;
          case 't':
            out = '\t';
            break;
          case 'r':
            out = '\r';
            break;
          case 'a':
            out = '\a';
            break;
          case 'b':
            out = '\b';
            break;
          case 'f':
            out = '\f';
            break;
          case 'v':
            out = '\v';
            break;
          case 'e':
          case 'E':
            out = '\x1b';
            break;
          case '\\':
          case '\'':
          case '"':
          case '?':
            out = n;
            break;
          default:
            break;
        }
        if (out) {
          decoded(out, i, i + 2);
          i += 2;
          continue;
        }
      }
      copy(i, i + 1);
      ++i;
    }
  }

  void node(uint32_t index, int depth) {
    const SyntaxNode& n = s_.tree.nodes[index];
    if (depth > 8) {  // words nest only a few levels; anything deeper is kept as written
      raw(n);
      return;
    }
    switch (n.kind) {
      case NodeKind::RawString:
        if (n.end - n.start >= 2 && s_.text[n.end - 1] == '\'')
          copy(n.start + 1, n.end - 1);
        else
          copy(n.start + 1, n.end);  // unterminated (error recovery)
        return;
      case NodeKind::String: {
        size_t open = n.start + 1;
        size_t close = (n.end - n.start >= 2 && s_.text[n.end - 1] == '"') ? n.end - 1 : n.end;
        size_t pos = open;
        for (uint32_t c = n.first_child; c != kNoNode; c = s_.tree.nodes[c].next) {
          const SyntaxNode& child = s_.tree.nodes[c];
          if (!is_expansion(child.kind)) continue;
          if (child.start > pos) double_quoted(pos, std::min<size_t>(child.start, close));
          raw(child);
          pos = child.end;
        }
        if (pos < close) double_quoted(pos, close);
        return;
      }
      case NodeKind::AnsiCString:
        if (n.end - n.start >= 3 && s_.text[n.end - 1] == '\'')
          ansi_c(n.start + 2, n.end - 1);
        else
          raw(n);
        return;
      case NodeKind::TranslatedString:
      case NodeKind::Concatenation:
      case NodeKind::CommandName: {
        size_t pos = n.start;
        if (n.kind == NodeKind::TranslatedString) pos += 1;  // the $ of $"..."
        for (uint32_t c = n.first_child; c != kNoNode; c = s_.tree.nodes[c].next) {
          const SyntaxNode& child = s_.tree.nodes[c];
          if (child.start > pos) unquoted(pos, child.start);
          node(c, depth + 1);
          pos = std::max<size_t>(pos, child.end);
        }
        if (pos < n.end) unquoted(pos, n.end);
        return;
      }
      default:
        if (is_expansion(n.kind) || n.kind == NodeKind::BraceExpression) {
          raw(n);
          return;
        }
        unquoted(n.start, n.end);
        return;
    }
  }

  ShellWord take(uint32_t index) {
    const SyntaxNode& n = s_.tree.nodes[index];
    size_t len = n.end - n.start;
    if (w_.dynamic) len = std::min(len, kMaxDynamicCopy);  // see raw()
    w_.raw = std::string(s_.text.substr(n.start, len));
    w_.span = s_.map.span(n.start, n.end);
    return std::move(w_);
  }

 private:
  static bool is_expansion(NodeKind k) {
    return k == NodeKind::SimpleExpansion || k == NodeKind::Expansion ||
           k == NodeKind::ArithmeticExpansion || k == NodeKind::CommandSubstitution ||
           k == NodeKind::ProcessSubstitution;
  }

  // An expansion or substitution is kept as written, up to a bound: $( $( ...
  // nested ten thousand deep would otherwise copy each level into every
  // enclosing word, quadratic in the input.
  void raw(const SyntaxNode& n) {
    w_.dynamic = true;
    copy(n.start, std::min<size_t>(n.end, n.start + kMaxDynamicCopy));
  }

  // Starts a new piece unless `p` continues the current one.
  void note(Position p) {
    if (!w_.pieces.empty()) {
      const SourcePiece& last = w_.pieces.back();
      size_t delta = w_.value.size() - last.text_offset;
      if (last.source.line == p.line && last.source.offset + delta == p.offset) return;
    }
    w_.pieces.push_back({w_.value.size(), p});
  }

  const ScriptView& s_;
  SourceMap* value_map_;
  ShellWord w_;
};

}  // namespace

ShellWord make_word(const ScriptView& s, uint32_t node, SourceMap* value_map) {
  WordBuilder b(s, value_map);
  b.node(node, 0);
  return b.take(node);
}

Assignment make_assignment(const ScriptView& s, uint32_t node) {
  Assignment a;
  const SyntaxNode& n = s.tree.nodes[node];
  a.span = s.map.span(n.start, n.end);
  bool have_value = false;
  for (uint32_t c = n.first_child; c != kNoNode; c = s.tree.nodes[c].next) {
    const SyntaxNode& child = s.tree.nodes[c];
    if (child.field == Field::Name && a.name.empty()) {
      a.name = std::string(node_text(s, c));
    } else if (child.field == Field::Value && !have_value) {
      a.value = make_word(s, c);
      have_value = true;
    }
  }
  if (a.name.empty()) {  // no name node (error recovery): take the text before '='
    std::string_view t = node_text(s, node);
    a.name = std::string(t.substr(0, t.find('=')));
  }
  if (!have_value) a.value.span = Span{a.span.end, a.span.end};
  return a;
}

ShellWord slice_word(const ShellWord& w, size_t begin, size_t end) {
  ShellWord out;
  end = std::min(end, w.value.size());
  begin = std::min(begin, end);
  out.value = w.value.substr(begin, end - begin);
  out.raw = out.value;  // quoting cannot be cut at a value offset; the value stands in
  out.span = w.span_of(begin, end);
  out.dynamic = w.dynamic && out.value.find_first_of("$`~{") != std::string::npos;
  out.glob = w.glob && out.value.find_first_of("*?[") != std::string::npos;
  for (size_t i = 0; i < w.pieces.size(); ++i) {
    size_t pb = w.pieces[i].text_offset;
    size_t pe = i + 1 < w.pieces.size() ? w.pieces[i + 1].text_offset : w.value.size();
    if (pe <= begin || pb >= end) continue;
    size_t from = std::max(pb, begin);
    Position p = w.pieces[i].source;
    p.offset += from - pb;
    p.column += static_cast<int>(from - pb);
    out.pieces.push_back({from - begin, p});
  }
  return out;
}

ShellWord word_from_dockerfile(const Word& w) {
  ShellWord out;
  out.value = w.text;
  out.raw = w.text;
  out.span = w.span;
  out.pieces = w.pieces;
  return out;
}

}  // namespace dd::shell
