// DD312 duplicate-host-port (rules/DD312.md): two published ports claim the
// same host port, address and protocol.
#include <string>
#include <vector>

#include "rules/compose_check.h"

namespace dd {

namespace {

struct Published {
  const compose::Service* service;
  const compose::PortSpec* port;
};

bool all_interfaces(const std::string& ip) {
  return ip.empty() || ip == "0.0.0.0" || ip == "::" || ip == "[::]";
}

bool overlap(const compose::PortSpec& a, const compose::PortSpec& b) {
  if (a.protocol != b.protocol) return false;
  if (!all_interfaces(a.host_ip) && !all_interfaces(b.host_ip) && a.host_ip != b.host_ip)
    return false;
  return a.published_start <= b.published_end && b.published_start <= a.published_end;
}

// Services in profiles that never run together do not compete for ports.
bool run_together(const compose::Service& a, const compose::Service& b) {
  if (a.profiles.empty() || b.profiles.empty()) return true;
  for (const compose::Scalar& x : a.profiles)
    for (const compose::Scalar& y : b.profiles)
      if (x.value == y.value) return true;
  return false;
}

}  // namespace

void check_dd312(ComposeCheckContext& ctx) {
  std::vector<Published> seen;
  for (const compose::Service& s : ctx.project().services)
    for (const compose::PortSpec& p : s.ports) {
      if (p.published_start <= 0) continue;
      for (const Published& e : seen) {
        if (!overlap(*e.port, p) || !run_together(*e.service, s)) continue;
        std::string other = e.service == &s ? "another entry of this service"
                                            : "service `" + e.service->name.value + "`";
        ctx.report(p.loc,
                   "host port " + p.published + "/" + p.protocol + " is already published by " +
                       other + " (line " + std::to_string(e.port->loc.span.start.line) +
                       "): the second container fails to start with \"port is already allocated\". "
                       "Publish a different host port, or bind each to its own address");
        break;
      }
      seen.push_back({&s, &p});
    }
}

}  // namespace dd
