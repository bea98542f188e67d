// DD402 copy-source-ignored-or-missing (rules/DD402.md): a COPY/ADD source the build context does
// not send.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "ignore/go_path.h"
#include "rules/check.h"
#include "rules/context_ignore.h"

namespace dd {

namespace {

// The files a glob source takes: each file whose leading path segments, as
// many as the glob has, match it (a matched directory brings all it holds).
std::vector<size_t> glob_files(const BuildContextInfo& context, const std::string& glob) {
  size_t depth = std::count(glob.begin(), glob.end(), '/') + 1;
  std::vector<size_t> out;
  for (size_t i = 0; i < context.files.size(); ++i) {
    std::string_view f = context.files[i];
    size_t slashes = 0, cut = std::string_view::npos;
    for (size_t j = 0; j < f.size() && cut == std::string_view::npos; ++j)
      if (f[j] == '/' && ++slashes == depth) cut = j;
    if (cut == std::string_view::npos && slashes + 1 < depth) continue;  // shallower than the glob
    if (path_match(glob, f.substr(0, cut))) out.push_back(i);
  }
  return out;
}

std::string where(const BuildContextInfo& context) {
  return context.dir == "." ? "the build context"
                            : fmt::format("the build context `{}`", context.dir);
}


// Whether most of the Dockerfile's literal sources are in the context: only
// then is a missing one a mistake of the Dockerfile rather than a sign that
// the context is not the one it is built with (an inferred context can be
// wrong, and a checkout can lack generated files).
bool context_fits(const BuildContextInfo& context, const ImageFiles& files) {
  size_t literal = 0, present = 0;
  for (const CopyOp& op : files.ops) {
    if (!op.from_context() || op.heredoc) continue;
    for (const CopySource& s : op.sources) {
      if (!s.known || s.remote || s.glob || s.path.empty()) continue;
      ++literal;
      present += rules::files_under(context, s.path).empty() ? 0 : 1;
    }
  }
  return 2 * present > literal;
}

}  // namespace

void check_dd402(CheckContext& ctx) {
  const BuildContextInfo* context = ctx.context();
  if (!context) return;
  const bool fits = context_fits(*context, ctx.image_files());
  for (const CopyOp& op : ctx.image_files().ops) {
    if (!op.from_context() || op.heredoc) continue;
    const char* verb = op.add ? "ADD" : "COPY";
    for (const CopySource& s : op.sources) {
      if (!s.known || s.remote) continue;
      // `../x` cannot reach above the context: BuildKit reads the context's
      // own `x` instead, the classic builder refuses the build.
      if (s.written.find('$') == std::string::npos && !s.written.starts_with("/")) {
        std::string cleaned = ignore::go_clean(s.written);
        if (cleaned == ".." || cleaned.starts_with("../")) {
          ctx.report(
              s.span,
              fmt::format("`{}` points outside {}: a build sees only the files below its context, "
                          "so this cannot copy what it names; widen the context (compose `context:`"
                          " or the directory given to `docker build`) and copy it from there",
                          s.written, where(*context)));
          continue;
        }
      }
      if (s.path.empty()) continue;  // the whole context
      if (s.glob) {
        std::vector<size_t> hits = glob_files(*context, s.path);
        if (hits.empty())
          continue;  // perhaps made by an earlier step of the build pipeline: not judged
        std::map<int, size_t> deciders;
        bool all = true;
        for (size_t i : hits) {
          if (!context->excluded(i)) {
            all = false;
            break;
          }
          ++deciders[context->decided_by[i]];
        }
        if (!all) continue;
        int pattern =
            std::max_element(deciders.begin(), deciders.end(), [](const auto& a, const auto& b) {
              return a.second < b.second;
            })->first;
        ctx.report(
            s.span,
            fmt::format("`{}` matches only files that .dockerignore excludes ({}), so {} {} "
                        "finds nothing and fails; stop excluding them or drop the source",
                        s.written, rules::describe_pattern(*context, pattern), verb, s.written));
        continue;
      }
      rules::FileRange range = rules::files_under(*context, s.path);
      if (range.empty()) {
        if (!fits) continue;
        ctx.report(s.span,
                   fmt::format("`{}` is not in {}, so {} fails unless an earlier step of the build "
                               "pipeline creates it; check the path and the context",
                               s.written, where(*context), verb));
        continue;
      }
      int pattern = rules::excluding_pattern(*context, range);
      if (pattern < 0) continue;
      bool file = range.end - range.begin == 1 && context->files[range.begin] == s.path;
      ctx.report(
          s.span,
          fmt::format(
              "`{}` is excluded by .dockerignore pattern {}: the build context never holds {}, so "
              "{} fails with \"not found\"; remove the pattern or add `!{}` after it",
              s.written, rules::describe_pattern(*context, pattern),
              file ? "the file" : "anything below it", verb, s.path));
    }
  }
}

}  // namespace dd
