// DD326 service-list-not-sorted (rules/DD326.md): `ports` not sorted by port,
// `depends_on` not sorted by name, in the file that writes them.
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "compose/ports_volumes.h"
#include "rules/compose_check.h"
#include "rules/compose_util.h"
#include "rules/util.h"

namespace dd {

namespace {

using PortKey = std::tuple<int, int, std::string>;

// Host port (or container port when not published), container port,
// protocol; nullopt when a number is not known (a variable left unset).
std::optional<PortKey> port_key(const compose::PortSpec& p) {
  int first = p.published.empty() ? p.target_start : p.published_start;
  if (first <= 0 || p.target_start <= 0) return std::nullopt;
  return PortKey{first, p.target_start, p.protocol};
}

// Where an entry is written: the scalar of `- "8080:80"`, else the entry.
std::string port_text(const compose::Node& entry) {
  if (entry.is_scalar()) return entry.raw;
  const compose::Node* published = entry.get("published");
  const compose::Node* target = entry.get("target");
  std::string out = published && published->is_scalar() ? published->raw + ":" : "";
  return out + (target && target->is_scalar() ? target->raw : "?");
}

// A port written with a variable: its number is the environment's, not the file's.
bool uses_variable(const compose::Node& n) {
  if (n.is_scalar()) return n.raw.find('$') != std::string::npos;
  for (const compose::MapEntry& e : n.entries)
    if (uses_variable(e.value)) return true;
  return false;
}

void check_ports(ComposeCheckContext& ctx, const compose::MapEntry& svc,
                 const compose::Node& ports) {
  std::vector<std::pair<PortKey, const compose::Node*>> seen;
  for (const compose::Node& entry : ports.items) {
    if (uses_variable(entry)) continue;
    std::optional<compose::PortSpec> spec = compose::parse_port(entry);
    std::optional<PortKey> key = spec ? port_key(*spec) : std::nullopt;
    if (!key) continue;
    for (const auto& [above_key, above] : seen)
      if (above_key > *key) {
        ctx.report(entry.loc, "port `" + port_text(entry) + "` of service `" + svc.key.value +
                                  "` belongs before `" + port_text(*above) +
                                  "`: keep ports sorted by port");
        break;
      }
    seen.emplace_back(*key, &entry);
  }
}

void check_depends_on(ComposeCheckContext& ctx, const compose::MapEntry& svc,
                      const compose::Node& deps) {
  // The list form's items and the mapping form's keys alike.
  std::vector<const compose::Node*> names;
  if (deps.is_sequence())
    for (const compose::Node& item : deps.items)
      if (item.is_scalar()) names.push_back(&item);
  if (deps.is_mapping())
    for (const compose::MapEntry* e : rules::own_entries(deps)) names.push_back(&e->key);
  for (size_t i = 0; i < names.size(); ++i) {
    std::string name = rules::ascii_lower(names[i]->value);
    for (size_t j = 0; j < i; ++j)
      if (rules::ascii_lower(names[j]->value) > name) {
        ctx.report(names[i]->loc, "dependency `" + names[i]->value + "` of service `" +
                                      svc.key.value + "` belongs before `" + names[j]->value +
                                      "`: keep depends_on in alphabetical order");
        break;
      }
  }
}

}  // namespace

void check_dd326(ComposeCheckContext& ctx) {
  for (const rules::FileServices& fs : rules::services_as_written(ctx.project()))
    for (const compose::MapEntry* svc : rules::own_entries(*fs.services)) {
      if (!svc->value.is_mapping()) continue;
      for (const compose::MapEntry* e : rules::own_entries(svc->value)) {
        if (e->key.value == "ports" && e->value.is_sequence()) check_ports(ctx, *svc, e->value);
        if (e->key.value == "depends_on") check_depends_on(ctx, *svc, e->value);
      }
    }
}

}  // namespace dd
