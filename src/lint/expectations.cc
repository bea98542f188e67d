// Parsing and matching `# expect:` lines (see expectations.h).
#include "lint/expectations.h"

#include <algorithm>

namespace dd {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// The text after `expect:` on a comment line, or nullopt for other lines.
std::optional<std::string_view> expect_payload(std::string_view line) {
  line = trim(line);
  if (line.empty() || line[0] != '#') return std::nullopt;
  line = trim(line.substr(1));
  constexpr std::string_view kTag = "expect:";
  if (line.substr(0, kTag.size()) != kTag) return std::nullopt;
  return trim(line.substr(kTag.size()));
}

// The rule list after `expect-only:`, or nullopt for other lines.
std::optional<std::string_view> only_payload(std::string_view line) {
  line = trim(line);
  if (line.empty() || line[0] != '#') return std::nullopt;
  line = trim(line.substr(1));
  constexpr std::string_view kTag = "expect-only:";
  if (line.substr(0, kTag.size()) != kTag) return std::nullopt;
  return trim(line.substr(kTag.size()));
}

bool is_rule_id(std::string_view p) {
  return p.size() == 5 && p[0] == 'D' && p[1] == 'D' &&
         std::all_of(p.begin() + 2, p.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool parse_payload(std::string_view p, Expectation& e, std::string& error) {
  size_t i = 0;
  if (p.size() < 5 || p[0] != 'D' || p[1] != 'D' ||
      !std::all_of(p.begin() + 2, p.begin() + 5, [](char c) { return c >= '0' && c <= '9'; }) ||
      (p.size() > 5 && p[5] != '@' && !is_blank(p[5]))) {
    error = "expected a rule id such as DD604 after 'expect:'";
    return false;
  }
  e.rule_id = std::string(p.substr(0, 5));
  i = 5;
  if (i < p.size() && p[i] == '@') {
    size_t start = ++i;
    while (i < p.size() && isdigit(static_cast<unsigned char>(p[i]))) ++i;
    if (i == start || i - start > 6) {
      error = "expected a column number after '@'";
      return false;
    }
    e.column = std::stoi(std::string(p.substr(start, i - start)));
  }
  while (i < p.size() && is_blank(p[i])) ++i;
  if (i < p.size() && p[i] == '"') {
    std::string fragment;
    bool closed = false;
    for (++i; i < p.size(); ++i) {
      if (p[i] == '\\' && i + 1 < p.size()) {
        fragment += p[++i];
      } else if (p[i] == '"') {
        closed = true;
        ++i;
        break;
      } else {
        fragment += p[i];
      }
    }
    if (!closed) {
      error = "unterminated message fragment: expected a closing '\"'";
      return false;
    }
    e.fragment = fragment;
  }
  while (i < p.size() && is_blank(p[i])) ++i;
  if (i != p.size()) {
    error = "unexpected text '" + std::string(p.substr(i)) +
            "' (form: # expect: DDnnn[@column] [\"message fragment\"])";
    return false;
  }
  return true;
}

bool meets(const Expectation& e, const Finding& f) {
  return f.rule_id == e.rule_id && f.span.start.line == e.line &&
         (!e.column || f.span.start.column == *e.column) &&
         (!e.fragment || f.message.find(*e.fragment) != std::string::npos);
}

std::string describe(const Finding& f) {
  return std::to_string(f.span.start.line) + ":" + std::to_string(f.span.start.column) + " " +
         f.rule_id + " \"" + f.message + "\"";
}

}  // namespace

std::string describe(const Expectation& e) {
  std::string s = std::to_string(e.line) + " " + e.rule_id;
  if (e.column) s += "@" + std::to_string(*e.column);
  if (e.fragment) s += " \"" + *e.fragment + "\"";
  return s + " (expect on line " + std::to_string(e.written_on) + ")";
}

ExpectationSet parse_expectations(std::string_view text) {
  ExpectationSet set;
  int line_no = 0;
  int target = 0;  // the last line that is not an expect line
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    ++line_no;
    if (auto list = only_payload(line)) {
      size_t before = set.only.size();
      std::string_view rest = *list;
      while (!rest.empty()) {
        size_t comma = rest.find(',');
        std::string_view id = trim(rest.substr(0, comma));
        if (is_rule_id(id))
          set.only.emplace_back(id);
        else
          set.errors.push_back("line " + std::to_string(line_no) +
                               ": expected rule ids such as DD101 after 'expect-only:', got '" +
                               std::string(id) + "'");
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      if (set.only.size() == before && rest.empty())
        set.errors.push_back("line " + std::to_string(line_no) + ": 'expect-only:' names no rule");
    } else if (auto payload = expect_payload(line)) {
      Expectation e;
      e.written_on = line_no;
      e.line = target;
      std::string error;
      if (target == 0)
        set.errors.push_back("line " + std::to_string(line_no) +
                             ": an expect line needs a line above it");
      else if (!parse_payload(*payload, e, error))
        set.errors.push_back("line " + std::to_string(line_no) + ": " + error);
      else
        set.expectations.push_back(std::move(e));
    } else {
      target = line_no;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return set;
}

std::vector<std::string> compare_expectations(const std::vector<Expectation>& expected,
                                              const std::vector<Finding>& findings) {
  // The most specific expectations pick their findings first, so a bare
  // `DD604` on a line cannot take the finding a `DD604@13 "..."` needs.
  std::vector<size_t> order(expected.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto specificity = [&](size_t i) {
    return int(expected[i].column.has_value()) + int(expected[i].fragment.has_value());
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return specificity(a) > specificity(b); });

  std::vector<bool> used(findings.size(), false);
  std::vector<size_t> unmet;
  for (size_t i : order) {
    bool met = false;
    for (size_t f = 0; f < findings.size() && !met; ++f) {
      if (!used[f] && meets(expected[i], findings[f])) used[f] = met = true;
    }
    if (!met) unmet.push_back(i);
  }
  std::sort(unmet.begin(), unmet.end());  // back to file order
  std::vector<std::string> diffs;
  diffs.reserve(unmet.size() + findings.size());
  for (size_t i : unmet) diffs.push_back("missing:    line " + describe(expected[i]));
  for (size_t f = 0; f < findings.size(); ++f)
    if (!used[f]) diffs.push_back("unexpected: " + describe(findings[f]));
  return diffs;
}

std::vector<std::string> compare_expectations(const ExpectationSet& set,
                                              const std::vector<Finding>& findings) {
  if (set.only.empty()) return compare_expectations(set.expectations, findings);
  auto listed = [&](const std::string& id) {
    return std::find(set.only.begin(), set.only.end(), id) != set.only.end();
  };
  std::vector<Finding> kept;
  for (const Finding& f : findings)
    if (listed(f.rule_id)) kept.push_back(f);
  std::vector<Expectation> checked;
  std::vector<std::string> unlisted;
  for (const Expectation& e : set.expectations) {
    if (listed(e.rule_id))
      checked.push_back(e);
    else
      unlisted.push_back("unchecked:  line " + describe(e) +
                         ": the file's expect-only list leaves " + e.rule_id + " out");
  }
  std::vector<std::string> diffs = compare_expectations(checked, kept);
  diffs.insert(diffs.end(), unlisted.begin(), unlisted.end());
  return diffs;
}

}  // namespace dd
