// DD601 maintainer-deprecated (rules/DD601.md): MAINTAINER -> an OCI authors label.
#include <algorithm>
#include <string>
#include <string_view>

#include "rules/check.h"

namespace dd {

namespace {

// A double-quoted LABEL value that reads back as `value`: quotes, the escape
// character and `$` (LABEL expands variables) are escaped.
std::string quoted_label_value(std::string_view value, char escape) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == escape || c == '$') out += escape;
    out += c;
  }
  out += '"';
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

void check_dd601(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  for (const Instruction& ins : df.instructions) {
    if (ins.kind != Keyword::Maintainer) continue;
    // BuildKit takes the rest of the line verbatim as the author.
    std::string_view author = ins.original;
    author.remove_prefix(std::min(author.size(), ins.keyword.size()));
    author = trim(author);
    // `MAINTAINER "Jane Doe"` keeps the quotes in the image, which is never
    // what was meant; the label gets the name alone.
    if (author.size() >= 2 && author.front() == '"' && author.back() == '"' &&
        author.substr(1, author.size() - 2).find('"') == std::string_view::npos)
      author = author.substr(1, author.size() - 2);
    if (author.empty()) {
      ctx.report(ins.keyword_span, "MAINTAINER is deprecated; record the author with "
                                   "LABEL org.opencontainers.image.authors=\"...\" instead");
      continue;
    }
    std::string label = "LABEL org.opencontainers.image.authors=" + quoted_label_value(author, df.escape);
    Fix fix{"replace MAINTAINER with " + label, {Edit{ins.span, label}}, true};
    // The fix is safe: the image no longer sets the deprecated Author field,
    // which no current tool reads, and gains the label every tool reads.
    ctx.report(ins.keyword_span,
               "MAINTAINER is deprecated; write `" + label + "` instead", std::move(fix));
  }
}

}  // namespace dd
