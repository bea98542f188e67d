// Helpers shared by several checks (see util.h).
#include "rules/util.h"

#include <algorithm>

namespace dd::rules {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
  size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > limit) return limit + 1;
  // Optimal string alignment: a swap of two neighbours ("buidler") is one
  // edit, as typos are.
  std::vector<size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[b.size()], limit + 1);
}

std::optional<std::string> did_you_mean(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  std::string lower = ascii_lower(word);
  // One edit per three characters, at most three; none for words of three
  // letters or fewer, where one edit makes another word ("api", "app").
  // "buidler" is a typo of "builder", and so is a word cut short ("build").
  size_t limit = lower.size() <= 3 ? 0 : std::clamp<size_t>(lower.size() / 3, 1, 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (const std::string& c : candidates) {
    if (c.empty()) continue;
    std::string lc = ascii_lower(c);
    size_t d = edit_distance(lower, lc, limit);
    const std::string& shorter = lower.size() < lc.size() ? lower : lc;
    const std::string& longer = lower.size() < lc.size() ? lc : lower;
    if (d > limit && shorter.size() >= 3 && longer.size() - shorter.size() <= 3 &&
        longer.compare(0, shorter.size(), shorter) == 0)
      d = limit;
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

Span flag_raw_span(const Flag& flag, size_t begin, size_t end) {
  const Span& s = flag.span;
  // Only a flag written on one line maps byte for byte onto the file.
  if (s.start.line != s.end.line || s.end.offset - s.start.offset != flag.raw.size() || end < begin ||
      end > flag.raw.size())
    return s;
  Span out = s;
  out.start.offset += begin;
  out.start.column += static_cast<int>(begin);
  out.end = s.start;
  out.end.offset += end;
  out.end.column += static_cast<int>(end);
  return out;
}

Span flag_value_span(const Flag& flag) {
  if (!flag.value_span.empty()) return flag.value_span;
  size_t eq = flag.raw.find('=');
  if (eq == std::string::npos) return flag.span;
  return flag_raw_span(flag, eq + 1, flag.raw.size());
}

std::optional<MountOption> mount_option(const Flag& mount, std::string_view key) {
  std::string_view raw = mount.raw;
  size_t eq = raw.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  // Walk the comma-separated fields of the value; a double-quoted field may
  // hold commas.
  size_t i = eq + 1;
  while (i <= raw.size()) {
    size_t field_start = i;
    bool quoted = false;
    while (i < raw.size() && (quoted || raw[i] != ',')) {
      if (raw[i] == '"') quoted = !quoted;
      ++i;
    }
    std::string_view field = raw.substr(field_start, i - field_start);
    size_t keq = field.find('=');
    std::string_view k = field.substr(0, keq);
    if (keq != std::string_view::npos && ascii_lower(k) == key) {
      size_t vb = field_start + keq + 1, ve = i;
      MountOption opt;
      if (ve - vb >= 2 && raw[vb] == '"' && raw[ve - 1] == '"') {
        opt.value = std::string(raw.substr(vb + 1, ve - vb - 2));
        opt.span = flag_raw_span(mount, vb + 1, ve - 1);
      } else {
        opt.value = std::string(raw.substr(vb, ve - vb));
        opt.span = flag_raw_span(mount, vb, ve);
      }
      if (auto parsed = mount.option(key)) opt.value = std::string(*parsed);
      return opt;
    }
    ++i;  // past the comma
  }
  return std::nullopt;
}

Span instruction_lines(const Dockerfile& df, const Instruction& ins) {
  // Positions are derived from the instruction's own span rather than by
  // rescanning the file, which would make a fix per instruction quadratic.
  std::string_view text = df.text;
  size_t begin = std::min(ins.span.start.offset, text.size());
  size_t column_offset = static_cast<size_t>(std::max(ins.span.start.column, 1) - 1);
  begin = begin >= column_offset ? begin - column_offset : 0;
  Position start{ins.span.start.line, 1, begin};
  size_t end = std::min(ins.span.end.offset, text.size());
  size_t nl = text.find('\n', end);
  Position stop;
  if (end > begin && text[end - 1] == '\n') {
    stop = ins.span.end;  // the span already takes its line break
  } else if (nl == std::string_view::npos) {
    stop = Position{ins.span.end.line, ins.span.end.column + static_cast<int>(text.size() - end), text.size()};
  } else {
    stop = Position{ins.span.end.line + 1, 1, nl + 1};
  }
  return Span{start, stop};
}

}  // namespace dd::rules
