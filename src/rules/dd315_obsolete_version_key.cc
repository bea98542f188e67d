// DD315 obsolete-version-key (rules/DD315.md): the top-level `version` that
// Compose ignores.
#include "rules/compose_check.h"

namespace dd {

void check_dd315(ComposeCheckContext& ctx) {
  const compose::Project& p = ctx.project();
  if (!p.version) return;
  const compose::Location* key = p.root.key_location("version");
  ctx.report(
      key ? *key : p.version->loc,
      "the top-level `version` is obsolete: Compose ignores it (and warns), always applying the "
      "latest Compose Specification, so it promises a file format it does not select. Remove it");
}

}  // namespace dd
