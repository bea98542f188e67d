// DD604 invalid-stage-reference (rules/DD604.md): COPY --from / RUN --mount
// from= naming a stage that does not exist, its own stage, a later stage by
// index, or closing a dependency cycle.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "rules/check.h"
#include "rules/util.h"

namespace dd {

namespace {

struct Ref {
  size_t stage;        // the stage the reference is written in
  std::string value;   // as written
  std::string label;   // "COPY --from=x" / "RUN --mount=...from=x", for messages
  Span span;           // the value
  long target = -1;    // the stage it resolves to, or -1
};

std::string stage_label(const Dockerfile& df, size_t i) {
  const Stage& s = df.stages[i];
  std::string line = std::to_string(rules::line_of(df.at(s.from).span));
  if (!s.name.empty()) return "'" + s.name + "' (line " + line + ")";
  return "stage " + std::to_string(i) + " (line " + line + ")";
}

// BuildKit's strconv.Atoi: an optional sign, then decimal digits.
std::optional<long> stage_index(std::string_view v) {
  size_t i = (!v.empty() && (v[0] == '+' || v[0] == '-')) ? 1 : 0;
  if (i == v.size()) return std::nullopt;
  for (size_t j = i; j < v.size(); ++j)
    if (v[j] < '0' || v[j] > '9') return std::nullopt;
  // Any index past a billion is out of range all the same.
  long n = v.size() - i > 9 ? 1000000000L : std::stol(std::string(v.substr(i)));
  return v[0] == '-' ? -n : n;
}

// Stage look-ups by lower-cased name: BuildKit gives `--from=name` the last
// stage of that name in the file, and `FROM name` the last one above it.
struct StageNames {
  std::map<std::string, long, std::less<>> last;  // name -> last stage index
  std::vector<long> base;                         // stage -> its FROM stage, or -1

  explicit StageNames(const Dockerfile& df) : base(df.stages.size(), -1) {
    for (size_t i = 0; i < df.stages.size(); ++i) {
      const std::string& b = df.stages[i].base;
      if (b.find('$') == std::string::npos)
        if (auto it = last.find(rules::ascii_lower(b)); it != last.end()) base[i] = it->second;
      if (!df.stages[i].name.empty()) last[df.stages[i].name] = static_cast<long>(i);
    }
  }
  long find(std::string_view value) const {
    auto it = last.find(rules::ascii_lower(value));
    return it == last.end() ? -1 : it->second;
  }
};

// A reference BuildKit would take as an image (or named build context)
// rather than a stage: it has a registry, a tag or a digest.
bool looks_like_image(std::string_view v) {
  return v.find_first_of("/:@.") != std::string_view::npos;
}

std::vector<Ref> collect(const Dockerfile& df) {
  std::vector<Ref> refs;
  for (size_t si = 0; si < df.stages.size(); ++si) {
    for (size_t index : df.stages[si].body) {
      const Instruction& ins = df.at(index);
      for (const Flag& f : ins.flags) {
        if (ins.kind == Keyword::Copy && f.name == "from" && f.value && !f.value->empty())
          refs.push_back(Ref{si, *f.value, "COPY --from=" + *f.value, rules::flag_value_span(f)});
        if (ins.kind == Keyword::Run && f.name == "mount")
          if (auto from = rules::mount_option(f, "from"); from && !from->value.empty())
            refs.push_back(Ref{si, from->value, "RUN --mount=...from=" + from->value, from->span});
      }
    }
  }
  return refs;
}

// Stages on a dependency cycle: iterative Tarjan (recursion would overflow
// on a machine-generated file with thousands of stages).
std::vector<long> components(const std::vector<std::vector<size_t>>& edges) {
  size_t n = edges.size();
  std::vector<long> comp(n, -1), low(n, 0), order(n, -1);
  std::vector<bool> on_stack(n, false);
  std::vector<size_t> stack;
  long counter = 0, ncomp = 0;
  for (size_t root = 0; root < n; ++root) {
    if (order[root] >= 0) continue;
    std::vector<std::pair<size_t, size_t>> work{{root, 0}};
    while (!work.empty()) {
      auto& [v, next] = work.back();
      if (next == 0 && order[v] < 0) {
        order[v] = low[v] = counter++;
        stack.push_back(v);
        on_stack[v] = true;
      }
      if (next < edges[v].size()) {
        size_t w = edges[v][next++];
        if (order[w] < 0) {
          work.push_back({w, 0});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], order[w]);
        }
        continue;
      }
      if (low[v] == order[v]) {
        size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = false;
          comp[w] = ncomp;
        } while (w != v);
        ++ncomp;
      }
      size_t done = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[done]);
    }
  }
  return comp;
}

// The stages from `from` to `to` along dependency edges, for the message.
std::vector<size_t> path(const std::vector<std::vector<size_t>>& edges, size_t from, size_t to) {
  std::vector<long> parent(edges.size(), -2);
  std::vector<size_t> queue{from};
  parent[from] = -1;
  for (size_t q = 0; q < queue.size() && parent[to] == -2; ++q)
    for (size_t w : edges[queue[q]])
      if (parent[w] == -2) {
        parent[w] = static_cast<long>(queue[q]);
        queue.push_back(w);
      }
  std::vector<size_t> out;
  if (parent[to] == -2) return out;
  for (long v = static_cast<long>(to); v != -1; v = parent[v]) out.push_back(static_cast<size_t>(v));
  std::reverse(out.begin(), out.end());
  return out;
}

}  // namespace

void check_dd604(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  size_t n = df.stages.size();
  StageNames by_name(df);
  std::vector<std::string> names;
  for (const auto& [name, index] : by_name.last) names.push_back(name);
  // Near-miss suggestions compare a word with every stage name; a generated
  // file with thousands of both gets suggestions until this budget is spent.
  size_t suggestion_budget = 200000;

  std::vector<Ref> refs = collect(df);
  std::vector<bool> reported(refs.size(), false);
  for (size_t r = 0; r < refs.size(); ++r) {
    Ref& ref = refs[r];
    // An ARG-dependent value is resolved at build time; nothing to say here.
    if (ref.value.find('$') != std::string::npos) continue;
    std::string own = stage_label(df, ref.stage);
    if (auto index = stage_index(ref.value)) {
      if (*index < 0 || *index >= static_cast<long>(n)) {
        ctx.report(ref.span, ref.label + ": there is no stage " + ref.value + "; this Dockerfile's stages are numbered 0 to " +
                                 std::to_string(n - 1) + " (BuildKit fails with 'invalid stage index " + ref.value + "')");
      } else if (*index == static_cast<long>(ref.stage)) {
        ctx.report(ref.span, ref.label + " refers to the stage it is in, " + own +
                                 "; a stage cannot read from itself (BuildKit fails with a circular dependency)");
      } else if (*index > static_cast<long>(ref.stage)) {
        ctx.report(ref.span, ref.label + " refers to a later stage, " + stage_label(df, *index) +
                                 "; a stage index must name an earlier stage. Name that stage (FROM ... AS name) and refer to it by name");
      } else {
        ref.target = *index;
        continue;
      }
      reported[r] = true;
      continue;
    }
    long target = by_name.find(ref.value);
    if (target == static_cast<long>(ref.stage)) {
      ctx.report(ref.span, ref.label + " refers to the stage it is in, " + own +
                               "; a stage cannot read from itself (BuildKit fails with a circular dependency)");
      reported[r] = true;
    } else if (target >= 0) {
      ref.target = target;
    } else if (!looks_like_image(ref.value) && rules::ascii_lower(ref.value) != "context" &&
               rules::ascii_lower(ref.value) != "scratch") {
      // (`context` is BuildKit's name for the main build context and
      // `scratch` the empty image: both mean what they say.)
      // A bare word that is no stage is an image on Docker Hub or a named
      // build context to BuildKit (`COPY --from=composer` is common and
      // right), so only a near miss of a stage name is worth an error.
      if (suggestion_budget < names.size()) continue;
      suggestion_budget -= names.size();
      if (auto near = rules::did_you_mean(ref.value, names)) {
        ctx.report(ref.span, ref.label + ": no stage is named '" + ref.value + "'; did you mean '" + *near + "' (line " +
                                 std::to_string(rules::line_of(df.at(df.stages[by_name.find(*near)].from).span)) +
                                 ")? As written, BuildKit looks for a build context or the image docker.io/library/" +
                                 rules::ascii_lower(ref.value) + ":latest");
        reported[r] = true;
      }
    }
  }

  // Dependency edges: FROM <earlier stage> and every resolved reference.
  std::vector<std::vector<size_t>> edges(n);
  for (size_t i = 0; i < n; ++i)
    if (by_name.base[i] >= 0) edges[i].push_back(static_cast<size_t>(by_name.base[i]));
  for (const Ref& ref : refs)
    if (ref.target >= 0) edges[ref.stage].push_back(static_cast<size_t>(ref.target));
  std::vector<long> comp = components(edges);
  size_t described = 0;
  for (size_t r = 0; r < refs.size(); ++r) {
    const Ref& ref = refs[r];
    if (reported[r] || ref.target < 0 || comp[ref.stage] != comp[ref.target]) continue;
    std::string msg = ref.label + " closes a dependency cycle";
    // Spelling the cycle out costs a walk of the graph; a generated file with
    // thousands of cyclic references gets the short message after a while.
    if (described++ < 64) {
      std::vector<size_t> p = path(edges, static_cast<size_t>(ref.target), ref.stage);
      msg += ": " + stage_label(df, ref.stage);
      // A long cycle keeps its ends; the middle is only counted.
      for (size_t k = 0; k < p.size(); ++k) {
        if (p.size() > 8 && k == 3) {
          msg += " needs ... (" + std::to_string(p.size() - 6) + " more stages)";
          k = p.size() - 4;
          continue;
        }
        msg += " needs " + stage_label(df, p[k]);
      }
    }
    ctx.report(ref.span, msg + " (BuildKit fails with a circular dependency). Break the cycle");
  }
}

}  // namespace dd
