// DD316 undefined-reference (rules/DD316.md): a service names a service,
// network, volume, secret or config the project does not define.
#include <string>
#include <vector>

#include "rules/compose_check.h"

namespace dd {

namespace {

bool defined(const std::vector<compose::Resource>& rs, std::string_view name) {
  for (const compose::Resource& r : rs)
    if (r.name.value == name) return true;
  return false;
}

}  // namespace

void check_dd316(ComposeCheckContext& ctx) {
  const compose::Project& p = ctx.project();
  auto undefined = [&](const compose::Scalar& at, std::string_view kind, std::string_view top) {
    // A value that came from an unset variable is DD306's to report.
    if (at.value.empty() || at.value != at.raw) return;
    ctx.report(at.loc, "`" + at.value + "` is not a " + std::string(kind) +
                           " of this project: `docker compose` " +
                           "refuses to start with an undefined " + std::string(kind) +
                           ". Define it under top-level `" + std::string(top) +
                           ":` or fix the name");
  };
  for (const compose::Service& s : p.services) {
    for (const compose::Dependency& d : s.depends_on)
      if (!p.service(d.service.value) && d.required) undefined(d.service, "service", "services");
    for (const compose::Scalar& n : s.networks)
      if (n.value != "default" && !defined(p.networks, n.value))
        undefined(n, "network", "networks");
    for (const compose::VolumeMount& v : s.volumes)
      if (v.type == compose::VolumeMount::Type::Volume && !v.source.empty() &&
          !defined(p.volumes, v.source)) {
        compose::Scalar at{v.source, v.source, v.source_loc};
        undefined(at, "named volume", "volumes");
      }
    for (const compose::ResourceRef& r : s.secrets)
      if (!defined(p.secrets, r.source.value)) undefined(r.source, "secret", "secrets");
    for (const compose::ResourceRef& r : s.configs)
      if (!defined(p.configs, r.source.value)) undefined(r.source, "config", "configs");
  }
}

}  // namespace dd
