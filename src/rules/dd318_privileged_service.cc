// DD318 privileged-service (rules/DD318.md): `privileged: true`.
#include "rules/compose_check.h"
#include "rules/compose_util.h"

namespace dd {

void check_dd318(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services)
    if (s.privileged && rules::compose_true(*s.privileged))
      ctx.report(
          s.privileged->loc,
          "`" + s.name.value +
              "` runs privileged: it gets every capability and every host device, "
              "and a compromise of the container is a compromise of the host. Grant only what it "
              "needs (`cap_add` of one capability, `devices` for one device)");
}

}  // namespace dd
