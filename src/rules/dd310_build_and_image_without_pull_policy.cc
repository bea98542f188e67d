// DD310 build-and-image-without-pull-policy (rules/DD310.md): with both
// `build` and `image`, Compose may run a pulled image instead of the build.
#include "rules/compose_check.h"

namespace dd {

void check_dd310(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services) {
    // An image name that came out empty is DD306's (an unset variable).
    if (!s.build || !s.image || s.pull_policy || s.image->value.empty()) continue;
    ctx.report(
        s.image->loc,
        "`build` and `image` are both set without `pull_policy`: `docker compose up` pulls `" +
            s.image->value +
            "` when the registry has it and runs that image instead of building the "
            "local source. Add `pull_policy: build` to always build (or `missing` to "
            "say the pull is intended)");
  }
}

}  // namespace dd
