// Override merging with compose-go's rules: mappings merge key by key,
// scalars are replaced, most sequences are appended and then de-duplicated by
// an identity (ports by address, volumes by target, ...), a few values are
// always replaced (`command`, `entrypoint`, `healthcheck.test`), and list or
// mapping forms (`environment`, `depends_on`, `networks`) are folded into a
// mapping first so that either form merges with the other.
#include "compose/merge.h"

#include <set>
#include <unordered_map>

#include "compose/ports_volumes.h"

namespace dd::compose {

namespace {

const std::set<std::string> kReplaced = {
    "services.*.command",
    "services.*.entrypoint",
    "services.*.healthcheck.test",
};

// `KEY=VALUE` lists and `KEY: VALUE` mappings alike.
const std::set<std::string> kKeyValue = {
    "services.*.environment",
    "services.*.labels",
    "services.*.annotations",
    "services.*.sysctls",
    "services.*.build.args",
    "services.*.build.labels",
    "services.*.build.additional_contexts",
    "services.*.deploy.labels",
    "services.*.extra_hosts",
    "services.*.build.extra_hosts",
};

// Sequences whose entries are plain values de-duplicated by their text.
const std::set<std::string> kUniqueScalars = {
    "services.*.cap_add",      "services.*.cap_drop",        "services.*.profiles",
    "services.*.dns",          "services.*.dns_opt",         "services.*.dns_search",
    "services.*.expose",       "services.*.links",           "services.*.tmpfs",
    "services.*.build.tags",   "services.*.build.platforms", "services.*.build.cache_from",
    "services.*.security_opt", "services.*.group_add",
};

std::string child_path(const std::string& path, const std::string& key) {
  if (path.empty()) return key;
  // Names under these top-level keys are user-chosen: match them as `*`.
  if (path == "services" || path == "networks" || path == "volumes" || path == "secrets" ||
      path == "configs")
    return path + ".*";
  return path + "." + key;
}

Node scalar_node(const std::string& value, const Location& loc) {
  Node n;
  n.kind = Node::Kind::Scalar;
  n.value = n.raw = value;
  n.loc = loc;
  return n;
}

// A `KEY=VALUE` list as a mapping (a bare `KEY` maps to null).
Node to_mapping(const Node& n, const std::string& path) {
  if (!n.is_sequence()) return n;
  Node m;
  m.kind = Node::Kind::Mapping;
  m.loc = n.loc;
  m.tag = n.tag;
  bool extra_hosts = path.ends_with("extra_hosts");
  for (const Node& item : n.items) {
    if (!item.is_scalar()) continue;
    std::string key = item.value, value;
    bool has_value = false;
    size_t sep = item.value.find(extra_hosts ? ':' : '=');
    if (extra_hosts && item.value.find('=') != std::string::npos) sep = item.value.find('=');
    if (sep != std::string::npos) {
      key = item.value.substr(0, sep);
      value = item.value.substr(sep + 1);
      has_value = true;
    }
    Node k = scalar_node(key, item.loc);
    Node v;
    v.loc = item.loc;
    if (has_value) v = scalar_node(value, item.loc);
    bool replaced = false;
    for (MapEntry& e : m.entries)
      if (e.key.value == key) {
        e.value = v;
        replaced = true;
      }
    if (!replaced) m.entries.push_back(MapEntry{std::move(k), std::move(v)});
  }
  return m;
}

// depends_on / networks lists as mappings, entries with no settings.
Node names_to_mapping(const Node& n, bool depends_on) {
  if (!n.is_sequence()) return n;
  Node m;
  m.kind = Node::Kind::Mapping;
  m.loc = n.loc;
  for (const Node& item : n.items) {
    if (!item.is_scalar()) continue;
    Node v;
    v.loc = item.loc;
    if (depends_on) {
      v.kind = Node::Kind::Mapping;
      v.entries.push_back(
          MapEntry{scalar_node("condition", item.loc), scalar_node("service_started", item.loc)});
    }
    m.entries.push_back(MapEntry{item, v});
  }
  return m;
}

Node build_to_mapping(const Node& n) {
  if (!n.is_scalar()) return n;
  Node m;
  m.kind = Node::Kind::Mapping;
  m.loc = n.loc;
  m.entries.push_back(MapEntry{scalar_node("context", n.loc), n});
  return m;
}

// Appends `over`'s items to `base`'s; an item whose identity matches an
// earlier one replaces it in place.
Node merge_sequences(const Node& base, const Node& over, const std::string& path) {
  Node out = base;
  out.tag.clear();
  std::unordered_map<std::string, size_t> seen;
  for (size_t i = 0; i < out.items.size(); ++i) {
    std::string k = merge_key(path, out.items[i]);
    if (!k.empty()) seen.emplace(k, i);
  }
  for (const Node& item : over.items) {
    std::string k = merge_key(path, item);
    auto it = k.empty() ? seen.end() : seen.find(k);
    if (it != seen.end()) {
      out.items[it->second] = item;
    } else {
      if (!k.empty()) seen.emplace(k, out.items.size());
      out.items.push_back(item);
    }
  }
  return out;
}

}  // namespace

void strip_merge_tags(Node& n) {
  if (n.tag == "!reset" || n.tag == "!override") n.tag.clear();
  for (Node& i : n.items) strip_merge_tags(i);
  for (MapEntry& e : n.entries) strip_merge_tags(e.value);
}

std::string merge_key(const std::string& path, const Node& item) {
  if (path == "services.*.ports") {
    std::optional<PortSpec> port = parse_port(item);
    if (!port) return "";
    const PortSpec& p = *port;
    return p.host_ip + "|" + p.published + "|" + p.target + "|" + p.protocol + "|" + p.mode;
  }
  if (path == "services.*.volumes" || path == "services.*.devices") {
    if (item.is_mapping()) {
      const Node* t = item.get("target");
      return t && t->is_scalar() ? t->value : "";
    }
    if (!item.is_scalar()) return "";
    if (path == "services.*.devices") {
      size_t c = item.value.find(':');
      return c == std::string::npos ? item.value
                                    : item.value.substr(c + 1, item.value.find(':', c + 1) - c - 1);
    }
    std::optional<VolumeMount> v = parse_volume(item);
    return v ? v->target : "";
  }
  if (path == "services.*.secrets" || path == "services.*.configs") {
    if (item.is_scalar()) return item.value;
    if (!item.is_mapping()) return "";
    const Node* t = item.get("target");
    if (t && t->is_scalar()) return t->value;
    const Node* s = item.get("source");
    return s && s->is_scalar() ? s->value : "";
  }
  if (path == "services.*.env_file") {
    if (item.is_scalar()) return item.value;
    const Node* p = item.is_mapping() ? item.get("path") : nullptr;
    return p && p->is_scalar() ? p->value : "";
  }
  if (kUniqueScalars.count(path) && item.is_scalar()) return item.value;
  return "";
}

Node merge_nodes(const Node& base, const Node& over, const std::string& path) {
  if (over.tag == "!override" || kReplaced.count(path)) {
    Node out = over;
    strip_merge_tags(out);
    return out;
  }
  if (kKeyValue.count(path) && (base.is_sequence() || over.is_sequence()))
    return merge_nodes(to_mapping(base, path), to_mapping(over, path), path);
  if (path == "services.*.depends_on" && (base.is_sequence() || over.is_sequence()))
    return merge_nodes(names_to_mapping(base, true), names_to_mapping(over, true), path);
  if (path == "services.*.networks" && (base.is_sequence() || over.is_sequence()))
    return merge_nodes(names_to_mapping(base, false), names_to_mapping(over, false), path);
  if (path == "services.*.build" && (base.is_scalar() || over.is_scalar()) &&
      (base.is_mapping() || over.is_mapping()))
    return merge_nodes(build_to_mapping(base), build_to_mapping(over), path);

  if (base.is_mapping() && over.is_mapping()) {
    Node out = base;
    out.tag.clear();
    for (const MapEntry& e : over.entries) {
      auto it = out.entries.begin();
      while (it != out.entries.end() && it->key.value != e.key.value) ++it;
      if (e.value.tag == "!reset") {
        if (it != out.entries.end()) out.entries.erase(it);
        continue;
      }
      if (it == out.entries.end()) {
        MapEntry added = e;
        strip_merge_tags(added.value);
        out.entries.push_back(std::move(added));
      } else {
        it->value = merge_nodes(it->value, e.value, child_path(path, e.key.value));
      }
    }
    return out;
  }
  if (base.is_sequence() && over.is_sequence()) {
    Node merged = merge_sequences(base, over, path);
    for (Node& i : merged.items) strip_merge_tags(i);
    return merged;
  }
  // Scalars, null, or a change of kind: the override wins.
  Node out = over;
  strip_merge_tags(out);
  return out;
}

}  // namespace dd::compose
