// Folds the short and long forms of every field the rules read into one
// shape. Values of the wrong type are skipped here (the schema check reports
// them), so the model only ever holds what Compose itself would accept.
#include "compose/normalize.h"

#include "compose/ports_volumes.h"

namespace dd::compose {

namespace {

Scalar scalar(const Node& n) {
  return Scalar{n.value, n.raw, n.loc};
}

std::optional<Scalar> opt_scalar(const Node& m, std::string_view key) {
  const Node* n = m.get(key);
  if (!n || !n->is_scalar()) return std::nullopt;
  return scalar(*n);
}

// A list of scalars, or a single scalar taken as a one-item list.
std::vector<Scalar> scalars(const Node* n) {
  std::vector<Scalar> out;
  if (!n) return out;
  if (n->is_scalar()) out.push_back(scalar(*n));
  for (const Node& i : n->items)
    if (i.is_scalar()) out.push_back(scalar(i));
  return out;
}

// `KEY=VALUE` list or `KEY: VALUE` mapping.
std::vector<KeyValue> key_values(const Node* n) {
  std::vector<KeyValue> out;
  if (!n) return out;
  for (const Node& item : n->items) {
    if (!item.is_scalar()) continue;
    KeyValue kv;
    kv.loc = item.loc;
    size_t eq = item.value.find('=');
    std::string key = eq == std::string::npos ? item.value : item.value.substr(0, eq);
    kv.key = Scalar{key, key, sub_location(item, 0, key.size())};
    if (eq != std::string::npos) {
      std::string v = item.value.substr(eq + 1);
      kv.value = Scalar{
          v, item.raw.find('=') != std::string::npos ? item.raw.substr(item.raw.find('=') + 1) : v,
          sub_location(item, eq + 1, v.size())};
    }
    out.push_back(std::move(kv));
  }
  for (const MapEntry& e : n->entries) {
    KeyValue kv;
    kv.loc = e.key.loc;
    kv.key = scalar(e.key);
    if (e.value.is_scalar()) kv.value = scalar(e.value);
    out.push_back(std::move(kv));
  }
  return out;
}

std::optional<CommandSpec> command(const Node* n) {
  if (!n || n->is_null() || n->is_mapping()) return std::nullopt;
  CommandSpec c;
  c.loc = n->loc;
  c.list_form = n->is_sequence();
  c.items = scalars(n);
  return c;
}

BuildSpec build(const Node& n, const std::string& file_dir) {
  BuildSpec b;
  b.loc = n.loc;
  b.base_dir = file_dir;
  if (n.is_scalar()) {
    b.short_syntax = true;
    b.context = scalar(n);
    return b;
  }
  b.context = opt_scalar(n, "context");
  b.dockerfile = opt_scalar(n, "dockerfile");
  b.dockerfile_inline = opt_scalar(n, "dockerfile_inline");
  b.target = opt_scalar(n, "target");
  b.args = key_values(n.get("args"));
  b.additional_contexts = key_values(n.get("additional_contexts"));
  b.cache_from = scalars(n.get("cache_from"));
  if (const Node* s = n.get("secrets")) {
    for (const Node& i : s->items) {
      if (i.is_scalar())
        b.secrets.push_back(scalar(i));
      else if (const Node* src = i.get("source"); src && src->is_scalar())
        b.secrets.push_back(scalar(*src));
    }
  }
  if (b.context) b.base_dir = display_dir(b.context->loc.file);
  return b;
}

std::vector<ResourceRef> resource_refs(const Node* n) {
  std::vector<ResourceRef> out;
  if (!n) return out;
  for (const Node& i : n->items) {
    ResourceRef r;
    r.loc = i.loc;
    if (i.is_scalar()) {
      r.source = scalar(i);
    } else if (const Node* s = i.get("source"); s && s->is_scalar()) {
      r.source = scalar(*s);
      r.target = opt_scalar(i, "target");
    } else {
      continue;
    }
    out.push_back(std::move(r));
  }
  return out;
}

Service service(const MapEntry& e) {
  Service s;
  s.name = scalar(e.key);
  s.loc = e.value.loc;
  s.node = e.value;
  s.base_dir = display_dir(e.key.loc.file);
  const Node& n = e.value;
  if (const Node* b = n.get("build"); b && (b->is_scalar() || b->is_mapping()))
    s.build = build(*b, display_dir(b->loc.file));
  s.image = opt_scalar(n, "image");
  s.pull_policy = opt_scalar(n, "pull_policy");
  s.container_name = opt_scalar(n, "container_name");
  s.command = command(n.get("command"));
  s.entrypoint = command(n.get("entrypoint"));
  s.environment = key_values(n.get("environment"));
  if (const Node* ef = n.get("env_file")) {
    if (ef->is_scalar()) s.env_file.push_back(scalar(*ef));
    for (const Node& i : ef->items) {
      if (i.is_scalar()) {
        s.env_file.push_back(scalar(i));
      } else if (const Node* p = i.get("path"); p && p->is_scalar()) {
        s.env_file.push_back(scalar(*p));
        const Node* r = i.get("required");
        if (r && r->is_scalar() && scalar_type(*r) == ScalarType::Bool && !is_true(*r)) {
          EnvFile f;
          f.path = s.env_file.back();
          f.required = false;
          s.env_files.push_back(std::move(f));
          continue;
        }
      }
      if (s.env_files.size() < s.env_file.size()) {
        EnvFile f;
        f.path = s.env_file.back();
        s.env_files.push_back(std::move(f));
      }
    }
    if (ef->is_scalar()) {
      EnvFile f;
      f.path = s.env_file.back();
      s.env_files.push_back(std::move(f));
    }
  }
  if (const Node* ports = n.get("ports"))
    for (const Node& i : ports->items)
      if (std::optional<PortSpec> p = parse_port(i)) s.ports.push_back(std::move(*p));
  if (const Node* vols = n.get("volumes"))
    for (const Node& i : vols->items)
      if (std::optional<VolumeMount> v = parse_volume(i)) s.volumes.push_back(std::move(*v));
  if (const Node* deploy = n.get("deploy"))
    if (const Node* res = deploy->get("resources"))
      if (const Node* rsv = res->get("reservations"))
        if (const Node* devs = rsv->get("devices"))
          for (const Node& d : devs->items) {
            DeviceRequest r;
            r.loc = d.loc;
            r.node = d;
            if (d.is_mapping()) {
              r.driver = opt_scalar(d, "driver");
              r.count = opt_scalar(d, "count");
              r.device_ids = scalars(d.get("device_ids"));
              r.capabilities = scalars(d.get("capabilities"));
            }
            s.devices.push_back(std::move(r));
          }
  if (const Node* g = n.get("gpus"); g && !g->is_null()) s.gpus = g->loc;
  s.runtime = opt_scalar(n, "runtime");
  s.privileged = opt_scalar(n, "privileged");
  s.network_mode = opt_scalar(n, "network_mode");
  s.pid = opt_scalar(n, "pid");
  s.cap_add = scalars(n.get("cap_add"));
  if (const Node* dep = n.get("depends_on")) {
    for (const Node& i : dep->items)
      if (i.is_scalar())
        s.depends_on.push_back(Dependency{scalar(i), "service_started", false, true, i.loc});
    for (const MapEntry& d : dep->entries) {
      Dependency x{scalar(d.key), "service_started", false, true, d.key.loc};
      if (const Node* c = d.value.get("condition"); c && c->is_scalar()) x.condition = c->value;
      if (const Node* r = d.value.get("restart")) x.restart = is_true(*r);
      if (const Node* r = d.value.get("required"))
        x.required = !(r->is_scalar() &&
                       (r->value == "false" || r->value == "False" || r->value == "FALSE"));
      s.depends_on.push_back(std::move(x));
    }
  }
  if (const Node* nets = n.get("networks")) {
    for (const Node& i : nets->items)
      if (i.is_scalar()) s.networks.push_back(scalar(i));
    for (const MapEntry& ne : nets->entries) s.networks.push_back(scalar(ne.key));
  }
  s.secrets = resource_refs(n.get("secrets"));
  s.configs = resource_refs(n.get("configs"));
  s.profiles = scalars(n.get("profiles"));
  if (const Node* dev = n.get("develop"))
    if (const Node* w = dev->get("watch"))
      for (const Node& i : w->items) {
        if (!i.is_mapping()) continue;
        WatchRule r;
        r.loc = i.loc;
        r.path = opt_scalar(i, "path");
        r.action = opt_scalar(i, "action");
        r.target = opt_scalar(i, "target");
        r.ignore = scalars(i.get("ignore"));
        s.watch.push_back(std::move(r));
      }
  return s;
}

std::vector<Resource> resources(const Node* n) {
  std::vector<Resource> out;
  if (!n) return out;
  for (const MapEntry& e : n->entries) {
    Resource r;
    r.name = scalar(e.key);
    r.loc = e.key.loc;
    r.node = e.value;
    if (const Node* x = e.value.get("external")) r.external = is_true(*x) || x->is_mapping();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::string display_dir(const std::string& display) {
  size_t slash = display.rfind('/');
  return slash == std::string::npos ? "" : display.substr(0, slash);
}

void normalize(Project* p) {
  const Node& root = p->root;
  p->name = opt_scalar(root, "name");
  p->version = opt_scalar(root, "version");
  if (const Node* services = root.get("services"))
    for (const MapEntry& e : services->entries)
      if (e.value.is_mapping() || e.value.is_null()) p->services.push_back(service(e));
  p->networks = resources(root.get("networks"));
  p->volumes = resources(root.get("volumes"));
  p->secrets = resources(root.get("secrets"));
  p->configs = resources(root.get("configs"));
  if (const Node* inc = root.get("include"))
    for (const Node& i : inc->items) {
      IncludeSpec spec;
      spec.loc = i.loc;
      if (i.is_scalar()) {
        spec.paths.push_back(scalar(i));
      } else if (i.is_mapping()) {
        spec.paths = scalars(i.get("path"));
        spec.project_directory = opt_scalar(i, "project_directory");
        spec.env_file = scalars(i.get("env_file"));
      }
      p->includes.push_back(std::move(spec));
    }
}

}  // namespace dd::compose
