// DD401 dockerignore-missing-or-incomplete (rules/DD401.md): a build context that sends heavy or
// secret paths.
#include <fmt/format.h>

#include <map>
#include <string_view>
#include <vector>

#include "rules/check.h"
#include "rules/context_ignore.h"

namespace dd {

namespace {

// What a context should not send, and the pattern that keeps it out.
struct Offender {
  std::string path;     // the first one found: "node_modules", "services/x/.env"
  std::string pattern;  // to add to .dockerignore
  size_t files = 0;
  unsigned long long bytes = 0;
};

bool is_env_file(std::string_view name) {
  if (name == ".env") return true;
  if (!name.starts_with(".env.")) return false;
  // Templates hold no secrets and are often copied on purpose.
  std::string_view kind = name.substr(5);
  return kind != "example" && kind != "sample" && kind != "template" && kind != "dist" &&
         kind != "defaults";
}

// The offending path a file lies in (or is), and the pattern for it;
// false when it is none.
bool classify(std::string_view file, std::string* path, std::string* pattern) {
  size_t start = 0;
  for (size_t depth = 0;; ++depth) {
    size_t slash = file.find('/', start);
    bool last = slash == std::string_view::npos;
    std::string_view seg = file.substr(start, last ? std::string_view::npos : slash - start);
    std::string_view upto = file.substr(0, last ? file.size() : slash);
    bool top = depth == 0;
    if (!last) {
      if (seg == ".git" || seg == ".venv" || seg == "node_modules" || seg == "__pycache__") {
        *path = std::string(upto);
        *pattern = seg == "__pycache__" || seg == "node_modules" || !top ? "**/" + std::string(seg)
                                                                         : std::string(seg);
        return true;
      }
      if (top && seg == "data") {
        *path = "data/";
        *pattern = "data";
        return true;
      }
    } else {
      *path = std::string(file);
      if (is_env_file(seg)) {
        *pattern = seg == ".env" ? "**/.env" : "**/.env.*";
        return true;
      }
      if (seg.ends_with(".log") && seg.size() > 4) {
        *pattern = top ? "*.log" : "**/*.log";
        return true;
      }
      if (seg.ends_with(".pkl") && seg.size() > 4) {
        *pattern = "**/*.pkl";
        return true;
      }
      return false;
    }
    start = slash + 1;
  }
}

// Where the finding goes: the first source that copies the whole context
// (`COPY . .` is where the offending files enter the image), else the
// first FROM (the build as a whole).
Span finding_span(CheckContext& ctx) {
  for (const CopyOp& op : ctx.image_files().ops) {
    if (!op.from_context() || op.heredoc) continue;
    for (const CopySource& s : op.sources)
      if (s.known && !s.remote && s.path.empty()) return s.span;
  }
  for (const Instruction& in : ctx.dockerfile().instructions)
    if (in.kind == Keyword::From) return in.keyword_span;
  return {};
}

bool copies_whole_context(CheckContext& ctx) {
  for (const CopyOp& op : ctx.image_files().ops) {
    if (!op.from_context() || op.heredoc) continue;
    for (const CopySource& s : op.sources)
      if (s.known && !s.remote && s.path.empty()) return true;
  }
  return false;
}

}  // namespace

void check_dd401(CheckContext& ctx) {
  const BuildContextInfo* context = ctx.context();
  if (!context) return;
  bool has_ignore = !context->ignore_file.empty();
  std::map<std::string, Offender> by_pattern;
  std::vector<std::string> order;
  std::string path, pattern;
  for (size_t i = 0; i < context->files.size(); ++i) {
    if (context->excluded(i) || !classify(context->files[i], &path, &pattern)) continue;
    auto [it, fresh] = by_pattern.try_emplace(pattern);
    if (fresh) {
      it->second.path = path;
      it->second.pattern = pattern;
      order.push_back(pattern);
    }
    ++it->second.files;
    it->second.bytes += i < context->sizes.size() ? context->sizes[i] : 0;
  }
  // Without an ignore file a context costs something when it holds what
  // should stay out, or when `COPY . .` puts all of it in the image; a
  // context of a few named files copied one by one is left alone.
  bool whole = copies_whole_context(ctx);
  if (order.empty() && (has_ignore || !whole)) return;

  std::string where = context->dir == "." ? "the build context"
                                          : fmt::format("the build context `{}`", context->dir);
  std::string sends = fmt::format("{} ({})", rules::count_files(context->sent_files),
                                  rules::human_bytes(context->sent_bytes));
  std::string found, add;
  for (const std::string& p : order) {
    const Offender& o = by_pattern[p];
    found += fmt::format("{}`{}` ({}, {})", found.empty() ? "" : ", ", o.path,
                         rules::count_files(o.files), rules::human_bytes(o.bytes));
    add += fmt::format("{}`{}`", add.empty() ? "" : ", ", o.pattern);
  }
  std::string message;
  if (!has_ignore) {
    message = fmt::format("{} has no .dockerignore, so everything in it is sent to the builder: {}", where, sends);
    message +=
        found.empty()
            ? "; add one that leaves out what the image does not need (`.git`, caches, local "
              "environments, data)"
            : fmt::format(", including {}; add a .dockerignore with {}", found, add);
  } else {
    message = fmt::format("{} does not exclude {}: {} sends {}; add {}", context->ignore_file,
                          found, where, sends, add);
  }
  if (!found.empty() && !whole)
    message +=
        " (the Dockerfile copies only named paths, so these stay out of the image, but the whole "
        "directory "
        "is still the build context: it is read and sent to the builder, and the next `COPY . .` "
        "takes them)";
  ctx.report(finding_span(ctx), message);
}

}  // namespace dd
