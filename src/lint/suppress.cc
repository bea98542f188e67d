// Inline suppressions (suppress.h).
#include "lint/suppress.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include "docker_doctor/rule.h"
#include "dockerfile/ast.h"
#include "dockerfile/parse_internal.h"

namespace dd {

namespace {

constexpr std::string_view kUnusedId = "DD001";
constexpr std::string_view kUnknownId = "DD002";

enum class Origin { Own, Hadolint, Buildkit };

// One rule named in a suppression, as written.
struct Item {
  std::string word;
  size_t begin = 0, end = 0;  // byte offsets of the word in the file
  std::vector<const RuleInfo*>
      rules;  // what it names (hadolint and BuildKit names may map to several)
  bool used = false;
};

struct Suppression {
  Origin origin = Origin::Own;
  bool file_wide = false;
  size_t begin = 0, end = 0;  // the bytes it covers, when not file-wide
  bool has_target = false;
  std::vector<Item> items;
};

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

bool consume(std::string_view line, size_t& i, std::string_view word) {
  if (line.substr(i, word.size()) != word) return false;
  i += word.size();
  return true;
}

void skip_blanks(std::string_view line, size_t& i) {
  while (i < line.size() && is_blank(line[i])) ++i;
}

bool word_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}

// The comma-separated list at line[i]; `base` is the line's offset in the
// file. Stops at the first word not followed by a comma (the `-- reason`).
std::vector<Item> read_items(std::string_view line, size_t i, size_t base) {
  std::vector<Item> items;
  while (true) {
    skip_blanks(line, i);
    size_t start = i;
    while (i < line.size() && word_char(line[i])) ++i;
    if (i == start || line.substr(start, i - start) == "--") break;
    items.push_back(
        Item{std::string(line.substr(start, i - start)), base + start, base + i, {}, false});
    skip_blanks(line, i);
    if (i >= line.size() || line[i] != ',') break;
    ++i;
  }
  return items;
}

std::vector<const RuleInfo*> rules_mapped(std::string_view word,
                                          std::string_view RuleInfo::*field) {
  std::vector<const RuleInfo*> out;
  for (const RuleInfo& r : all_rules()) {
    std::string_view list = r.*field;
    while (!list.empty()) {
      size_t comma = list.find(',');
      std::string_view name = list.substr(0, comma);
      while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      bool all = field == &RuleInfo::buildkit && word == "all";
      if (!name.empty() && (all || name == word)) {
        out.push_back(&r);
        break;
      }
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
  }
  return out;
}

// A suppression comment on the line at `base`, or nothing.
std::optional<Suppression> parse_comment(std::string_view line, size_t base) {
  size_t i = 0;
  skip_blanks(line, i);
  if (!consume(line, i, "#")) return std::nullopt;
  skip_blanks(line, i);
  Suppression s;
  if (consume(line, i, "docker-doctor") && i < line.size() && is_blank(line[i])) {
    skip_blanks(line, i);
    if (consume(line, i, "ignore-file="))
      s.file_wide = true;
    else if (!consume(line, i, "ignore="))
      return std::nullopt;
    s.items = read_items(line, i, base);
    for (Item& item : s.items)
      if (const RuleInfo* r = find_rule(item.word)) item.rules.push_back(r);
    return s;
  }
  i = line.find_first_not_of(" \t#");
  if (i != std::string_view::npos && consume(line, i, "hadolint") && i < line.size() &&
      is_blank(line[i])) {
    s.origin = Origin::Hadolint;
    skip_blanks(line, i);
    if (consume(line, i, "global")) {
      s.file_wide = true;
      skip_blanks(line, i);
    }
    if (!consume(line, i, "ignore=")) return std::nullopt;
    s.items = read_items(line, i, base);
    for (Item& item : s.items) item.rules = rules_mapped(item.word, &RuleInfo::hadolint);
    return s;
  }
  return std::nullopt;
}

// BuildKit's `# check=skip=A,B;error=true` directive: file-wide.
std::optional<Suppression> parse_check_directive(std::string_view text, const Directive& d) {
  std::string_view line = text.substr(d.span.start.offset, d.span.end.offset - d.span.start.offset);
  size_t skip = line.find("skip=");
  if (skip == std::string_view::npos) return std::nullopt;
  size_t end = line.find(';', skip);
  std::string_view list = line.substr(0, end);
  Suppression s;
  s.origin = Origin::Buildkit;
  s.file_wide = true;
  s.items = read_items(list, skip + 5, d.span.start.offset);
  for (Item& item : s.items) item.rules = rules_mapped(item.word, &RuleInfo::buildkit);
  return s;
}

struct Line {
  size_t begin, end;  // without the newline
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    lines.push_back(Line{start, end});
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

size_t indent_of(std::string_view line) {
  size_t i = line.find_first_not_of(" \t");
  return i == std::string_view::npos ? line.size() : i;
}

bool blank_line(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

class Suppressor {
 public:
  Suppressor(std::string_view path, std::string_view text, FileKind kind, const Dockerfile* parsed,
             const LintOptions& options)
      : path_(path),
        text_(text),
        kind_(kind),
        parsed_(parsed),
        options_(options),
        lines_(split_lines(text)) {
    collect();
  }

  void run(std::vector<Finding>& findings) {
    // DD001 and DD002 are judged after every other finding is, and may be
    // suppressed themselves (`ignore-file=DD001`).
    std::vector<Finding> kept;
    for (Finding& f : findings)
      if (!suppressed(f)) kept.push_back(std::move(f));
    std::vector<Finding> own = own_findings();
    for (Finding& f : own)
      if (!suppressed(f)) kept.push_back(std::move(f));
    findings = std::move(kept);
    sort_findings(findings);
  }

 private:
  bool comment_line(size_t index) const {
    if (parsed_) return dockerfile_comment_lines_.count(index + 1) > 0;
    std::string_view l = text_.substr(lines_[index].begin, lines_[index].end - lines_[index].begin);
    size_t i = l.find_first_not_of(" \t");
    return i != std::string_view::npos && l[i] == '#';
  }

  // What a suppression on line `index` (0-based) covers: the next line that
  // is not a comment, with the whole instruction or YAML block it starts.
  void target(Suppression& s, size_t index) {
    size_t t = index + 1;
    while (t < lines_.size() && comment_line(t)) ++t;
    if (t >= lines_.size()) return;
    std::string_view l = text_.substr(lines_[t].begin, lines_[t].end - lines_[t].begin);
    if (blank_line(l)) return;  // not "directly above" anything
    s.has_target = true;
    s.begin = lines_[t].begin;
    s.end = lines_[t].end;
    if (parsed_) {
      for (const Instruction& ins : parsed_->instructions)
        if (ins.span.start.line == static_cast<int>(t) + 1)
          s.end = std::max(s.end, ins.span.end.offset);
    } else if (kind_ == FileKind::Compose) {
      // A key's block: the lines below it indented deeper (blank lines too).
      size_t key_indent = indent_of(l);
      for (size_t n = t + 1; n < lines_.size(); ++n) {
        std::string_view nl = text_.substr(lines_[n].begin, lines_[n].end - lines_[n].begin);
        if (blank_line(nl)) continue;
        if (indent_of(nl) <= key_indent &&
            !(nl.find_first_not_of(" \t") != std::string_view::npos && nl[indent_of(nl)] == '#'))
          break;
        s.end = lines_[n].end;
      }
    }
  }

  void add(std::optional<Suppression> s, size_t line_index) {
    if (!s) return;
    if (!s->file_wide) target(*s, line_index);
    suppressions_.push_back(std::move(*s));
  }

  void collect() {
    if (parsed_) {
      for (const Comment& c : parsed_->comments)
        dockerfile_comment_lines_.insert(c.span.start.line);
      for (const Directive& d : parsed_->directives) {
        dockerfile_comment_lines_.insert(d.span.start.line);
        if (d.name == "check") add(parse_check_directive(text_, d), 0);
      }
      for (const Comment& c : parsed_->comments) {
        size_t index = static_cast<size_t>(c.span.start.line - 1);
        if (index >= lines_.size()) continue;
        add(parse_comment(
                text_.substr(lines_[index].begin, lines_[index].end - lines_[index].begin),
                lines_[index].begin),
            index);
      }
      return;
    }
    for (size_t i = 0; i < lines_.size(); ++i)
      if (comment_line(i))
        add(parse_comment(text_.substr(lines_[i].begin, lines_[i].end - lines_[i].begin),
                          lines_[i].begin),
            i);
  }

  bool suppressed(const Finding& f) {
    bool hit = false;
    for (Suppression& s : suppressions_) {
      if (!s.file_wide &&
          (!s.has_target || f.span.start.offset < s.begin || f.span.start.offset > s.end))
        continue;
      for (Item& item : s.items)
        for (const RuleInfo* r : item.rules)
          if (r->id == f.rule_id) item.used = hit = true;
    }
    return hit;
  }

  bool disabled(const RuleInfo& rule) const {
    for (const std::string& d : options_.disabled_rules)
      if (find_rule(d) == &rule) return true;
    return false;
  }

  Finding make(const RuleInfo& rule, const Item& item, std::string message) const {
    Finding f;
    f.rule_id = std::string(rule.id);
    f.rule_name = std::string(rule.name);
    f.severity = rule.severity;
    f.message = std::move(message);
    f.file = std::string(path_);
    f.span = Span{position_at(text_, item.begin), position_at(text_, item.end)};
    return f;
  }

  std::vector<Finding> own_findings() const {
    std::vector<Finding> out;
    const RuleInfo* unused = find_rule(kUnusedId);
    const RuleInfo* unknown = find_rule(kUnknownId);
    std::vector<std::string_view> names;
    for (const RuleInfo& r : all_rules()) {
      names.push_back(r.id);
      names.push_back(r.name);
    }
    for (const Suppression& s : suppressions_) {
      if (s.origin != Origin::Own) continue;
      for (const Item& item : s.items) {
        if (item.rules.empty()) {
          if (!unknown || disabled(*unknown)) continue;
          std::string hint = dfparse::suggest(item.word, names, false);
          out.push_back(make(
              *unknown, item,
              "no rule is named '" + item.word + "'" +
                  (hint.empty() ? "" : "; did you mean '" + hint + "'?") +
                  " This suppression silences nothing ('docker-doctor rules' lists the rules)."));
          continue;
        }
        const RuleInfo& rule = *item.rules.front();
        // A rule that does not run (disabled, or off by default and not
        // enabled) cannot prove its suppression useless.
        if (item.used || !unused || disabled(*unused) || !rule_runs(options_, rule)) continue;
        // Suppressing the reports about suppressions must not report itself.
        if (rule.id == kUnusedId || rule.id == kUnknownId) continue;
        std::string why =
            s.file_wide    ? "the rule reports nothing in this file; remove it"
            : s.has_target ? "the rule reports nothing on what follows it; remove it"
                           : "nothing directly follows it (a blank line ends its reach); move it "
                             "above the line it is meant for";
        out.push_back(make(*unused, item,
                           "this suppression of " + std::string(rule.id) + " (" +
                               std::string(rule.name) + ") silenced nothing: " + why));
      }
    }
    return out;
  }

  std::string_view path_;
  std::string_view text_;
  FileKind kind_;
  const Dockerfile* parsed_;
  const LintOptions& options_;
  std::vector<Line> lines_;
  std::set<int> dockerfile_comment_lines_;  // 1-based lines of comments and directives
  std::vector<Suppression> suppressions_;
};

}  // namespace

void apply_suppressions(std::string_view path, std::string_view text, FileKind kind,
                        const Dockerfile* parsed, const LintOptions& options,
                        std::vector<Finding>& findings) {
  if (!options.inline_suppressions) return;
  Suppressor(path, text, kind, parsed, options).run(findings);
}

}  // namespace dd
