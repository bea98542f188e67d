// Finding fingerprints (docker_doctor/fingerprint.h).
#include "docker_doctor/fingerprint.h"

#include <algorithm>
#include <cstdint>
#include <map>

namespace dd {

namespace {

// FNV-1a, 64 bits: stable across platforms and releases, which std::hash is not.
struct Fnv64 {
  uint64_t h = 0xcbf29ce484222325ull;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
    add_separator();
  }
  void add_separator() {
    h ^= 0xff;  // a byte UTF-8 text never holds, so "ab"+"c" differs from "a"+"bc"
    h *= 0x100000001b3ull;
  }
};

// The lines the span touches with runs of blanks collapsed and the ends
// trimmed: re-indenting or re-wrapping whitespace does not change identity.
std::string normalised_lines(std::string_view text, const Span& span) {
  size_t begin = span.start.offset <= text.size() ? span.start.offset : text.size();
  size_t end = span.end.offset <= text.size() ? span.end.offset : text.size();
  while (begin > 0 && text[begin - 1] != '\n') --begin;
  while (end < text.size() && text[end] != '\n') ++end;
  std::string out;
  bool blank = false;
  for (size_t i = begin; i < end; ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

std::string hex16(uint64_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<size_t>(i)] = kDigits[v & 0xf];
  return out;
}

}  // namespace

std::vector<std::string> fingerprints(std::string_view text, const std::vector<Finding>& findings) {
  // Occurrence counters run in file order whatever order the caller uses.
  std::vector<size_t> order(findings.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return findings[a].span.start.offset < findings[b].span.start.offset;
  });
  std::vector<std::string> out(findings.size());
  std::map<uint64_t, int> seen;
  for (size_t i : order) {
    const Finding& f = findings[i];
    Fnv64 base;
    base.add(f.rule_id);
    base.add(f.file);
    base.add(normalised_lines(text, f.span));
    Fnv64 full = base;
    full.add(std::to_string(seen[base.h]++));
    out[i] = hex16(full.h);
  }
  return out;
}

}  // namespace dd
