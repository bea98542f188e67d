// DD325 service-keys-not-in-order (rules/DD325.md): a service's keys out of
// the conventional order documented in the rule.
#include <string>
#include <string_view>
#include <vector>

#include "rules/compose_check.h"
#include "rules/compose_util.h"

namespace dd {

namespace {

// Groups in order; within a group the keys' order is the listed one too.
const std::vector<std::vector<std::string_view>>& key_groups() {
  static const std::vector<std::vector<std::string_view>> groups = {
      {"extends"},
      {"image", "build", "pull_policy", "platform", "container_name", "hostname", "domainname"},
      {"profiles", "depends_on", "links", "external_links"},
      {"env_file", "environment", "configs", "secrets"},
      {"volumes", "volumes_from", "tmpfs"},
      {"ports", "expose", "networks", "network_mode", "extra_hosts", "dns", "dns_search"},
      {"user", "working_dir", "entrypoint", "command", "init", "stdin_open", "tty"},
      {"restart", "healthcheck", "stop_signal", "stop_grace_period"},
      {"privileged", "read_only", "cap_add", "cap_drop", "security_opt", "pid", "ipc", "devices",
       "gpus", "runtime", "ulimits", "sysctls", "shm_size", "mem_limit", "cpus", "deploy"},
      {"develop"},
      {"labels", "logging"},
  };
  return groups;
}

// The key's place in the order, or -1 for a key the order does not name.
int rank(std::string_view key) {
  int r = 0;
  for (const auto& group : key_groups())
    for (std::string_view k : group) {
      if (k == key) return r;
      ++r;
    }
  return -1;
}

}  // namespace

void check_dd325(ComposeCheckContext& ctx) {
  for (const rules::FileServices& fs : rules::services_as_written(ctx.project()))
    for (const compose::MapEntry* svc : rules::own_entries(*fs.services)) {
      if (!svc->value.is_mapping()) continue;
      std::vector<std::pair<int, const compose::MapEntry*>> seen;
      for (const compose::MapEntry* e : rules::own_entries(svc->value)) {
        int r = rank(e->key.value);
        if (r < 0) continue;
        for (const auto& [above_rank, above] : seen)
          if (above_rank > r) {
            ctx.report(
                e->key.loc,
                "`" + e->key.value + "` of service `" + svc->key.value + "` belongs before `" +
                    above->key.value +
                    "` in the conventional key order (`docker-doctor explain DD325` lists it)");
            break;
          }
        seen.emplace_back(r, e);
      }
    }
}

}  // namespace dd
