// The combined .dockerignore matcher (matcher.h).
#include "ignore/matcher.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <map>

#include "ignore/go_path.h"

namespace dd::ignore {

namespace {

// Patterns per RE2 set: large enough that 100,000 patterns make a few
// hundred passes per path at most, small enough that one set's DFA stays
// within its memory budget on ordinary paths.
constexpr size_t kGroupSize = 512;
constexpr int64_t kSetMemory = 16 << 20;

RE2::Options regex_options(bool bytes) {
  RE2::Options o;
  if (bytes) o.set_encoding(RE2::Options::EncodingLatin1);
  o.set_log_errors(false);
  o.set_max_mem(kSetMemory);
  return o;
}

}  // namespace

struct Matcher::RegexGroup {
  std::unique_ptr<RE2::Set> set;
  std::vector<long> index;  // set position -> pattern index
  long max_index = -1;
  std::vector<std::unique_ptr<RE2>>
      each;  // used when the set cannot be compiled or runs out of memory
};

void Matcher::LengthTable::add(const std::string& literal, long index) {
  auto [it, fresh] = last.try_emplace(literal, index);
  if (!fresh) it->second = std::max(it->second, index);
  if (fresh) lengths.push_back(literal.size());
}

void Matcher::LengthTable::finish() {
  std::sort(lengths.begin(), lengths.end());
  lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
}

Matcher::Matcher(std::vector<MatcherPattern> patterns, std::vector<CompileError>* errors)
    : patterns_(std::move(patterns)) {
  std::vector<CompiledPattern> compiled;
  compiled.reserve(patterns_.size());
  for (const MatcherPattern& p : patterns_) compiled.push_back(compile_pattern(p.cleaned));
  build(compiled, false, errors);
}

Matcher::Matcher(std::vector<MatcherPattern> patterns, const std::vector<CompiledPattern>& compiled,
                 bool bytes, std::vector<CompileError>* errors)
    : patterns_(std::move(patterns)) {
  build(compiled, bytes, errors);
}

void Matcher::build(const std::vector<CompiledPattern>& compiled, bool bytes,
                    std::vector<CompileError>* errors) {
  // The same expression written twice only needs its last index.
  std::map<std::string, long> regexes;
  for (size_t i = 0; i < compiled.size(); ++i) {
    const CompiledPattern& c = compiled[i];
    long index = static_cast<long>(i);
    switch (c.kind) {
      case MatchKind::Exact:
        exact_.add(c.literal, index);
        break;
      case MatchKind::Prefix:
        prefix_.add(c.literal, index);
        break;
      case MatchKind::Suffix:
        // `**/name`: the path "name" itself, or one ending in "/name".
        if (c.literal.starts_with("/")) exact_.add(c.literal.substr(1), index);
        suffix_.add(c.literal, index);
        break;
      case MatchKind::Regex:
        regexes[c.regex] = index;
        break;
    }
  }
  exact_.finish();
  prefix_.finish();
  suffix_.finish();

  RE2::Options options = regex_options(bytes);
  for (const auto& [regex, index] : regexes) {
    auto one = std::make_unique<RE2>(regex, options);
    if (!one->ok()) {
      if (errors) errors->push_back({static_cast<size_t>(index), one->error()});
      continue;
    }
    if (groups_.empty() || groups_.back()->index.size() == kGroupSize) {
      groups_.push_back(std::make_unique<RegexGroup>());
      groups_.back()->set = std::make_unique<RE2::Set>(options, RE2::ANCHOR_BOTH);
    }
    RegexGroup& g = *groups_.back();
    g.set->Add(regex, nullptr);
    g.index.push_back(index);
    g.max_index = std::max(g.max_index, index);
    g.each.push_back(std::move(one));
  }
  for (auto& g : groups_)
    if (!g->set->Compile()) g->set.reset();  // too large for one program: match one by one
}

Matcher::~Matcher() = default;
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;

long Matcher::last_match(std::string_view path) const {
  long best = -1;
  if (!exact_.last.empty()) {
    auto it = exact_.last.find(path);
    if (it != exact_.last.end()) best = std::max(best, it->second);
  }
  for (size_t n : prefix_.lengths) {
    if (n > path.size()) break;
    auto it = prefix_.last.find(path.substr(0, n));
    if (it != prefix_.last.end()) best = std::max(best, it->second);
  }
  for (size_t n : suffix_.lengths) {
    if (n > path.size()) break;
    auto it = suffix_.last.find(path.substr(path.size() - n));
    if (it != suffix_.last.end()) best = std::max(best, it->second);
  }
  std::vector<int> hits;
  for (const auto& group : groups_) {
    const RegexGroup& g = *group;
    // A group whose best index cannot beat what is known is skipped.
    if (g.max_index <= best) continue;
    hits.clear();
    RE2::Set::ErrorInfo info{};
    bool matched = g.set && g.set->Match(path, &hits, &info);
    if (g.set && (matched || info.kind == RE2::Set::kNoError)) {
      for (int h : hits) best = std::max(best, g.index[h]);
      continue;
    }
    for (size_t k = 0; k < g.each.size(); ++k)
      if (g.index[k] > best && RE2::FullMatch(path, *g.each[k])) best = g.index[k];
  }
  return best;
}

long Matcher::deciding_pattern(std::string_view path) const {
  long best = last_match(path);
  std::string parent = go_dir(path);
  if (parent == ".") return best;
  // Every parent directory, from the top: "a", "a/b" for "a/b/c".
  for (size_t pos = 0;; ++pos) {
    pos = parent.find('/', pos);
    std::string_view prefix = std::string_view(parent).substr(0, pos);
    best = std::max(best, last_match(prefix));
    if (pos == std::string::npos) break;
  }
  return best;
}

bool Matcher::excluded(std::string_view path) const {
  return excludes(deciding_pattern(path));
}

}  // namespace dd::ignore
