// DD324 services-not-alphabetical (rules/DD324.md): services out of
// alphabetical order in the file that writes them.
#include <string>

#include "rules/compose_check.h"
#include "rules/compose_util.h"
#include "rules/util.h"

namespace dd {

void check_dd324(ComposeCheckContext& ctx) {
  for (const rules::FileServices& fs : rules::services_as_written(ctx.project())) {
    std::vector<const compose::MapEntry*> seen;
    for (const compose::MapEntry* e : rules::own_entries(*fs.services)) {
      std::string name = rules::ascii_lower(e->key.value);
      // The first service above that sorts after this one is where it belongs.
      for (const compose::MapEntry* above : seen)
        if (rules::ascii_lower(above->key.value) > name) {
          ctx.report(e->key.loc, "service `" + e->key.value +
                                     "` is out of alphabetical order: it belongs before `" +
                                     above->key.value + "`");
          break;
        }
      seen.push_back(e);
    }
  }
}

}  // namespace dd
