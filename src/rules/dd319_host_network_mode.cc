// DD319 host-network-mode (rules/DD319.md): `network_mode: host`.
#include "rules/compose_check.h"

namespace dd {

void check_dd319(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services)
    if (s.network_mode && s.network_mode->value == "host")
      ctx.report(
          s.network_mode->loc,
          "`" + s.name.value +
              "` shares the host's network stack: every port it opens is open on the host, it "
              "can reach services bound to the host's loopback, and `ports:` mappings are "
              "ignored. Use the default bridge network and publish only the ports it needs");
}

}  // namespace dd
