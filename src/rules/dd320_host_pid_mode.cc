// DD320 host-pid-mode (rules/DD320.md): `pid: host`.
#include "rules/compose_check.h"

namespace dd {

void check_dd320(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services)
    if (s.pid && s.pid->value == "host")
      ctx.report(s.pid->loc,
                 "`" + s.name.value +
                     "` shares the host's process namespace: it sees every process on the "
                     "host, with their command lines and environment, and can signal them. "
                     "Drop `pid: host`, or share one service's namespace with "
                     "`pid: \"service:name\"`");
}

}  // namespace dd
