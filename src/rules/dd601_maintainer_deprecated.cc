// DD601 maintainer-deprecated (rules/DD601.md): MAINTAINER -> an OCI authors label.
#include <algorithm>
#include <string>
#include <string_view>

#include "rules/check.h"
#include "rules/util.h"

namespace dd {

namespace {

constexpr std::string_view kAuthorsLabel = "org.opencontainers.image.authors";

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

// The LABEL in `stage` that already sets the authors label, if any.
const Instruction* authors_label(const Dockerfile& df, const Stage& stage) {
  for (size_t index : stage.body) {
    const Instruction& ins = df.at(index);
    if (ins.kind != Keyword::Label) continue;
    for (const KeyValue& kv : ins.pairs) {
      std::string_view key = kv.key.text;
      if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') && key.back() == key.front())
        key = key.substr(1, key.size() - 2);
      if (key == kAuthorsLabel) return &ins;
    }
  }
  return nullptr;
}

}  // namespace

void check_dd601(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  for (const Stage& stage : df.stages) {
    const Instruction* existing = authors_label(df, stage);
    for (size_t index : stage.body) {
      const Instruction& ins = df.at(index);
      if (ins.kind != Keyword::Maintainer) continue;
      if (existing) {
        // The label is already there: the fix is to drop the old form.
        Fix fix{"delete MAINTAINER", {Edit{rules::instruction_lines(df, ins), ""}}, true};
        ctx.report(ins.keyword_span,
                   "MAINTAINER is deprecated and this stage already sets " + std::string(kAuthorsLabel) +
                       " (line " + std::to_string(rules::line_of(existing->span)) + "); delete it",
                   std::move(fix));
        continue;
      }
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
        ctx.report(ins.keyword_span, "MAINTAINER is deprecated; record the author with LABEL " +
                                         std::string(kAuthorsLabel) + "=\"...\" instead");
        continue;
      }
      std::string label = "LABEL " + std::string(kAuthorsLabel) + "=" + quoted_label_value(author, df.escape);
      // The fix is safe: the image no longer sets the deprecated Author field,
      // which no current tool reads, and gains the label every tool reads.
      Fix fix{"replace MAINTAINER with " + label, {Edit{ins.span, label}}, true};
      ctx.report(ins.keyword_span, "MAINTAINER is deprecated; write `" + label + "` instead", std::move(fix));
    }
  }
}

}  // namespace dd
