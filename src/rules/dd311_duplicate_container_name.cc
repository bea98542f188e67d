// DD311 duplicate-container-name (rules/DD311.md): two services ask for the
// same fixed container name.
#include <map>
#include <string>

#include "rules/compose_check.h"

namespace dd {

void check_dd311(ComposeCheckContext& ctx) {
  std::map<std::string, const compose::Service*> first;
  for (const compose::Service& s : ctx.project().services) {
    if (!s.container_name || s.container_name->value.empty()) continue;
    auto [it, fresh] = first.emplace(s.container_name->value, &s);
    if (fresh) continue;
    ctx.report(s.container_name->loc,
               "container name `" + s.container_name->value + "` is already taken by service `" +
                   it->second->name.value +
                   "`: Docker allows one container per name, so the second fails to be created "
                   "(\"Conflict. The container name is already in use\"). Give it another name, or "
                   "drop `container_name` and let Compose name it");
  }
}

}  // namespace dd
