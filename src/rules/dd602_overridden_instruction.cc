// DD602 overridden-instruction (rules/DD602.md): an earlier CMD, ENTRYPOINT or
// HEALTHCHECK of a stage that a later one replaces.
#include <string>

#include "rules/check.h"
#include "rules/util.h"

namespace dd {

void check_dd602(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  for (const Stage& stage : df.stages) {
    for (Keyword kind : {Keyword::Cmd, Keyword::Entrypoint, Keyword::Healthcheck}) {
      // The last one of each kind is the one the image keeps; point at every
      // earlier one, naming the one that wins.
      const Instruction* last = nullptr;
      for (auto it = stage.body.rbegin(); it != stage.body.rend(); ++it) {
        if (df.at(*it).kind == kind) {
          last = &df.at(*it);
          break;
        }
      }
      if (!last) continue;
      std::string name(keyword_name(kind));
      for (size_t index : stage.body) {
        const Instruction& ins = df.at(index);
        if (ins.kind != kind || &ins == last) continue;
        Fix fix{"remove the " + name + " that line " + std::to_string(rules::line_of(last->span)) +
                    " overrides",
                {Edit{rules::instruction_lines(df, ins), ""}},
                // It may have been meant as RUN, or as the one to keep.
                false};
        ctx.report(ins.keyword_span,
                   "this " + name + " has no effect: the " + name + " on line " +
                       std::to_string(rules::line_of(last->span)) +
                       " replaces it (only the last " + name + " of a stage counts)",
                   std::move(fix));
      }
    }
  }
}

}  // namespace dd
