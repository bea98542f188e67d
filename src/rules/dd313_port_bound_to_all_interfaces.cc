// DD313 port-bound-to-all-interfaces (rules/DD313.md): a published port
// without a host address listens on every network the host is on.
#include "rules/compose_check.h"

namespace dd {

void check_dd313(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services)
    for (const compose::PortSpec& p : s.ports) {
      if (p.published.empty() ||
          !(p.host_ip.empty() || p.host_ip == "0.0.0.0" || p.host_ip == "::"))
        continue;
      ctx.report(
          p.loc,
          "port " + p.published +
              " is published on all of the host's interfaces: anyone who can "
              "reach the machine reaches the service, and Docker's rules bypass host firewalls "
              "such as ufw. Bind it to loopback (`127.0.0.1:" +
              p.published + ":" + p.target + "`) unless it must be reachable from other machines");
    }
}

}  // namespace dd
