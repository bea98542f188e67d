// YAML text -> compose::Node, through yaml-cpp's event API. Events (rather
// than YAML::Node) let us keep exact byte spans, see tags on every node,
// count alias expansion as it happens and stop at a depth limit before
// anything recurses too far. yaml-cpp throws; nothing escapes this file.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compose/loader.h"
#include "core/text_index.h"

namespace dd::compose {

namespace {

// Thrown from inside the event handler to stop the parse with a diagnostic.
struct Stop {
  size_t offset;
  std::string message;
};

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

class Builder : public YAML::EventHandler {
 public:
  Builder(const TextIndex& index, const std::string& display, const Limits& limits,
          std::vector<Diagnostic>* diagnostics)
      : index_(index),
        text_(index.text()),
        display_(display),
        limits_(limits),
        diags_(diagnostics) {}

  Node take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count(1, mark);
    Node n;
    size_t at = clamp(mark.pos);
    n.tag = read_tag(at);
    size_t start = skip_properties(at);
    size_t end = start;
    for (std::string_view word : {"null", "Null", "NULL", "~"})
      if (text_.substr(start, word.size()) == word) end = start + word.size();
    if (end == start && !n.tag.empty()) {
      start = end = at;  // `key: !reset` alone: point at the tag
      end = at + n.tag.size();
    } else if (end == start) {
      // An empty value: yaml-cpp's mark may already be on the next line;
      // point just after the key instead.
      if (!stack_.empty() && stack_.back().has_key)
        start = end = stack_.back().key.loc.span.end.offset;
    }
    n.loc = loc(start, end);
    complete(std::move(n), anchor, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      throw Stop{clamp(mark.pos), "alias refers to an anchor that is not complete"};
    count(it->second.second, mark);
    add(Node(it->second.first));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count(1, mark);
    Node n;
    n.kind = Node::Kind::Scalar;
    size_t at = clamp(mark.pos);
    size_t start = skip_properties(at);
    char first = start < text_.size() ? text_[start] : '\0';
    n.quoted = tag == "!" || first == '"' || first == '\'' || first == '|' || first == '>';
    if (tag != "?" && tag != "!") n.tag = tag;
    n.value = value;
    n.raw = value;
    n.loc = loc(start, scalar_end(start, value));
    complete(std::move(n), anchor, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(Node::Kind::Sequence, mark, tag, anchor, style);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(Node::Kind::Mapping, mark, tag, anchor, style);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    bool flow = false;
    size_t nodes_at_start = 0;
    bool has_key = false;
    Node key;
    std::unordered_set<std::string> keys;
    std::vector<std::pair<size_t, Node>> merges;  // `<<` values, with their entry index
  };

  size_t clamp(size_t pos) const { return pos > text_.size() ? text_.size() : pos; }
  Location loc(size_t start, size_t end) const {
    return Location{display_, index_.span(start, end)};
  }

  void count(size_t n, const YAML::Mark& mark) {
    nodes_ += n;
    if (nodes_ > limits_.max_nodes)
      throw Stop{clamp(mark.pos), "the document expands to more than " +
                                      std::to_string(limits_.max_nodes) +
                                      " nodes (an alias bomb?); refusing to load it"};
  }

  // The tag written at `at` ("!reset"), or "".
  std::string read_tag(size_t at) const {
    if (at >= text_.size() || text_[at] != '!') return "";
    size_t e = at;
    while (e < text_.size() && !is_space(text_[e]) && text_[e] != ',' && text_[e] != ']' &&
           text_[e] != '}')
      ++e;
    return std::string(text_.substr(at, e - at));
  }

  // yaml-cpp marks a node at its first property (tag or anchor); the value
  // starts after them.
  size_t skip_properties(size_t at) const {
    size_t i = at;
    while (i < text_.size() && (text_[i] == '!' || text_[i] == '&')) {
      while (i < text_.size() && !is_space(text_[i])) ++i;
      while (i < text_.size() && is_space(text_[i])) ++i;
    }
    return i < text_.size() ? i : at;
  }

  size_t line_end(size_t i) const {
    size_t e = text_.find('\n', i);
    return e == std::string_view::npos ? text_.size() : e;
  }

  size_t scalar_end(size_t start, const std::string& value) const {
    if (start >= text_.size()) return start;
    char c = text_[start];
    if (c == '"') {
      for (size_t i = start + 1; i < text_.size(); ++i) {
        if (text_[i] == '\\')
          ++i;
        else if (text_[i] == '"')
          return i + 1;
      }
      return text_.size();
    }
    if (c == '\'') {
      for (size_t i = start + 1; i < text_.size(); ++i) {
        if (text_[i] != '\'') continue;
        if (i + 1 < text_.size() && text_[i + 1] == '\'')
          ++i;
        else
          return i + 1;
      }
      return text_.size();
    }
    if (c == '|' || c == '>') {
      // Block scalar: every following line indented deeper than the line
      // holding the indicator, or blank.
      size_t ls = text_.rfind('\n', start);
      ls = ls == std::string_view::npos ? 0 : ls + 1;
      size_t indent = 0;
      while (ls + indent < text_.size() && text_[ls + indent] == ' ') ++indent;
      size_t end = line_end(start);
      size_t i = end;
      while (i < text_.size()) {
        size_t next = i + 1;
        size_t e = line_end(next);
        std::string_view line = text_.substr(next, e - next);
        size_t ind = 0;
        while (ind < line.size() && line[ind] == ' ') ++ind;
        bool blank = line.find_first_not_of(" \t\r") == std::string_view::npos;
        if (!blank && ind <= indent) break;
        if (!blank) end = e;
        i = e;
        if (e >= text_.size()) break;
      }
      if (end > 0 && end <= text_.size() && text_[end - 1] == '\r') --end;
      return end;
    }
    if (text_.substr(start, value.size()) == value) return start + value.size();
    // A plain scalar folded over several lines: point at its first line.
    size_t e = line_end(start);
    size_t comment = text_.substr(start, e - start).find(" #");
    if (comment != std::string_view::npos) e = start + comment;
    while (e > start && is_space(text_[e - 1])) --e;
    return e;
  }

  void open(Node::Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
            YAML::EmitterStyle::value style) {
    count(1, mark);
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      throw Stop{clamp(mark.pos), "nesting deeper than " + std::to_string(limits_.max_depth) +
                                      " levels; refusing to load it"};
    Frame f;
    f.node.kind = kind;
    if (tag != "?" && tag != "!") f.node.tag = tag;
    size_t start = skip_properties(clamp(mark.pos));
    f.node.loc = loc(start, start);
    f.anchor = anchor;
    f.flow = style == YAML::EmitterStyle::Flow;
    f.nodes_at_start = nodes_ - 1;
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    // The last child may be an alias, whose location is its anchor's, earlier
    // in the file: the container never ends before it starts.
    size_t end = f.node.loc.span.start.offset;
    if (f.node.is_sequence() && !f.node.items.empty())
      end = std::max(end, f.node.items.back().loc.span.end.offset);
    if (f.node.is_mapping() && !f.node.entries.empty())
      end = std::max({end, f.node.entries.back().value.loc.span.end.offset,
                      f.node.entries.back().key.loc.span.end.offset});
    for (auto& [index, m] : f.merges) end = std::max(end, m.loc.span.end.offset);
    if (f.flow) {
      // Up to and including the closing bracket.
      char closer = f.node.is_sequence() ? ']' : '}';
      size_t i = std::max(end, f.node.loc.span.start.offset + 1);
      while (i < text_.size() && text_[i] != closer) ++i;
      end = i < text_.size() ? i + 1 : text_.size();
    }
    f.node.loc.span.end = index_.at_offset(end);
    if (!f.merges.empty()) apply_merges(f);
    complete(std::move(f.node), f.anchor, nodes_ - f.nodes_at_start);
  }

  // Merge keys, as Compose (go-yaml v3) applies them: keys written in the
  // mapping win over merged ones, and among `<<: [*a, *b]` the earlier source
  // wins. Merged entries take the place of the `<<` key.
  void apply_merges(Frame& f) {
    std::unordered_set<std::string> present = f.keys;
    std::vector<MapEntry> out;
    size_t next_merge = 0;
    auto merge_from = [&](const Node& src) {
      for (const MapEntry& e : src.entries)
        if (present.insert(e.key.value).second) out.push_back(e);
    };
    for (size_t i = 0; i <= f.node.entries.size(); ++i) {
      while (next_merge < f.merges.size() && f.merges[next_merge].first == i) {
        const Node& m = f.merges[next_merge].second;
        if (m.is_mapping()) {
          merge_from(m);
        } else if (m.is_sequence()) {
          for (const Node& item : m.items) {
            if (item.is_mapping())
              merge_from(item);
            else
              diags_->push_back(Diagnostic{Diagnostic::Kind::ParseError, item.loc,
                                           "a merge key (<<) list may hold only mappings"});
          }
        } else {
          diags_->push_back(Diagnostic{Diagnostic::Kind::ParseError, m.loc,
                                       "a merge key (<<) needs a mapping or a list of mappings"});
        }
        ++next_merge;
      }
      if (i < f.node.entries.size()) out.push_back(std::move(f.node.entries[i]));
    }
    f.node.entries = std::move(out);
  }

  void complete(Node n, YAML::anchor_t anchor, size_t size) {
    if (anchor) anchors_[anchor] = {n, size};
    add(std::move(n));
  }

  void add(Node n) {
    if (stack_.empty()) {
      root_ = std::move(n);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.is_sequence()) {
      top.node.items.push_back(std::move(n));
      return;
    }
    if (!top.has_key) {
      top.key = std::move(n);
      top.has_key = true;
      return;
    }
    top.has_key = false;
    Node key = std::move(top.key);
    if (!key.is_scalar() && !key.is_null())
      throw Stop{key.loc.span.start.offset, "a mapping key must be a plain value"};
    if (key.is_scalar() && !key.quoted && key.value == "<<") {
      top.merges.emplace_back(top.node.entries.size(), std::move(n));
      return;
    }
    if (!top.keys.insert(key.value).second) {
      // go-yaml (and so Compose) refuses duplicate keys.
      diags_->push_back(
          Diagnostic{Diagnostic::Kind::ParseError, key.loc,
                     "mapping key '" + key.value + "' already defined earlier in this mapping"});
      return;
    }
    top.node.entries.push_back(MapEntry{std::move(key), std::move(n)});
  }

  const TextIndex& index_;
  std::string_view text_;
  const std::string& display_;
  const Limits& limits_;
  std::vector<Diagnostic>* diags_;
  std::vector<Frame> stack_;
  Node root_;
  std::unordered_map<YAML::anchor_t, std::pair<Node, size_t>> anchors_;
  size_t nodes_ = 0;
};

// Stops at the start of a second document.
class SecondDocument : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override {
    throw Stop{static_cast<size_t>(mark.pos < 0 ? 0 : mark.pos), ""};
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// yaml-cpp's messages start lower-case and carry no position; keep the text.
std::string yaml_message(const YAML::Exception& e) {
  std::string m = e.msg.empty() ? std::string(e.what()) : e.msg;
  return "invalid YAML: " + m;
}

// Counts how deep brackets and indentation could nest before yaml-cpp sees
// the text. yaml-cpp 0.7 recurses once per level; it does stop itself (its
// depth guard throws near 1,000 flow or 500 block levels, so 10,000 levels
// do not overflow the stack) but reports that as "bad file". Refusing the
// file here gives a clear message at a limit of our choosing. Flow brackets
// are counted outside quotes and comments (an over-count only ever refuses
// a file that is absurd anyway).
bool too_deep(std::string_view text, int max_depth, size_t* where) {
  int depth = 0;
  bool in_comment = false;
  char quote = 0;
  // Block nesting: the indentations of the enclosing lines (and of each
  // `- ` that opens a sequence item on them).
  std::vector<size_t> indents;
  bool line_start = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      in_comment = false;
      line_start = true;
      continue;
    }
    if (line_start && !quote && depth == 0) {
      line_start = false;
      size_t j = i;
      while (j < text.size() && text[j] == ' ') ++j;
      if (j < text.size() && text[j] != '\n' && text[j] != '#' && text[j] != '\r') {
        for (;;) {
          size_t indent =
              j - (text.rfind('\n', i) == std::string_view::npos ? 0 : text.rfind('\n', i) + 1);
          while (!indents.empty() && indents.back() >= indent) indents.pop_back();
          indents.push_back(indent);
          if (static_cast<int>(indents.size()) > max_depth) {
            *where = j;
            return true;
          }
          if (j + 1 < text.size() && text[j] == '-' && text[j + 1] == ' ') {
            j += 2;
            while (j < text.size() && text[j] == ' ') ++j;
            continue;
          }
          break;
        }
      }
    }
    line_start = false;
    if (in_comment) continue;
    if (quote) {
      if (c == '\\' && quote == '"')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '#' && (i == 0 || is_space(text[i - 1])))
      in_comment = true;
    else if ((c == '"' || c == '\'') && depth > 0)
      quote = c;
    else if (c == '[' || c == '{') {
      if (++depth > max_depth) {
        *where = i;
        return true;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

}  // namespace

Node parse_yaml(std::string_view text, const std::string& display, const Limits& limits,
                std::vector<Diagnostic>* diagnostics) {
  TextIndex index(text);
  auto fail = [&](size_t offset, std::string message) {
    offset = std::min(offset, text.size());
    diagnostics->push_back(Diagnostic{Diagnostic::Kind::ParseError,
                                      Location{display, index.span(offset, offset)},
                                      std::move(message)});
    return Node{};
  };
  if (text.size() > limits.max_file_bytes)
    return fail(0, "the file is " + std::to_string(text.size()) +
                       " bytes, more than the limit of " + std::to_string(limits.max_file_bytes) +
                       " for a compose file; not loaded");
  size_t deep_at = 0;
  if (too_deep(text, limits.max_depth, &deep_at))
    return fail(deep_at, "nesting deeper than " + std::to_string(limits.max_depth) +
                             " levels; refusing to load it");
  std::istringstream in{std::string(text)};
  Builder builder(index, display, limits, diagnostics);
  try {
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder)) return Node{};
    Node root = builder.take_root();
    try {
      SecondDocument second;
      parser.HandleNextDocument(second);
    } catch (const Stop& s) {
      return fail(s.offset,
                  "the file holds more than one YAML document (---); Compose reads exactly one");
    }
    return root;
  } catch (const Stop& s) {
    return fail(s.offset, s.message);
  } catch (const YAML::Exception& e) {
    size_t offset = e.mark.pos >= 0 ? static_cast<size_t>(e.mark.pos) : 0;
    if (e.mark.is_null()) offset = 0;
    return fail(offset, yaml_message(e));
  } catch (const std::exception& e) {
    return fail(0, std::string("invalid YAML: ") + e.what());
  }
}

}  // namespace dd::compose
