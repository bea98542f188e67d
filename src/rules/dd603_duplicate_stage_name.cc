// DD603 duplicate-stage-name (rules/DD603.md): two stages with one name.
#include <map>
#include <string>
#include <vector>

#include "rules/check.h"
#include "rules/util.h"

namespace dd {

void check_dd603(CheckContext& ctx) {
  const Dockerfile& df = ctx.dockerfile();
  // Stage names are compared lower-cased, as BuildKit stores them.
  std::map<std::string, std::vector<const Stage*>> by_name;
  for (const Stage& s : df.stages)
    if (!s.name.empty()) by_name[s.name].push_back(&s);
  for (const auto& [name, stages] : by_name) {
    if (stages.size() < 2) continue;
    int first_line = rules::line_of(stages.front()->name_span);
    int last_line = rules::line_of(stages.back()->name_span);
    // BuildKit keeps the last definition for `COPY --from=name` and the
    // latest earlier one for `FROM name`, so which stage a reference gets
    // depends on where it is written: say so instead of only "unique".
    for (size_t i = 1; i < stages.size(); ++i) {
      ctx.report(stages[i]->name_span,
                 "stage name '" + name + "' is already used on line " + std::to_string(first_line) +
                     "; --from=" + name + " resolves to the last stage of that name (line " +
                     std::to_string(last_line) + ") wherever it is written, and FROM " + name +
                     " to the last one above it. Give each stage its own name");
    }
  }
}

}  // namespace dd
