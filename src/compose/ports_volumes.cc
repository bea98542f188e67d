// Port and volume syntax as compose-go reads it (its ParsePortSpec and
// ParseVolume): the short forms are split on ':' from the right for ports and
// from the left for volumes, with Windows drive letters and bracketed IPv6
// addresses kept whole.
#include "compose/ports_volumes.h"

#include <cctype>

namespace dd::compose {

namespace {

std::string str(const Node* n) {
  return n && n->is_scalar() ? n->value : "";
}

// "8080" -> [8080, 8080], "8080-8081" -> [8080, 8081]; zeros when not numeric.
void parse_range(const std::string& s, int* lo, int* hi) {
  *lo = *hi = 0;
  if (s.empty()) return;
  size_t dash = s.find('-');
  auto num = [](const std::string& t, int* out) {
    if (t.empty() || t.size() > 5) return false;
    int v = 0;
    for (char c : t) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
      v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
  };
  int a = 0, b = 0;
  if (dash == std::string::npos) {
    if (num(s, &a)) *lo = *hi = a;
  } else if (num(s.substr(0, dash), &a) && num(s.substr(dash + 1), &b)) {
    *lo = a;
    *hi = b;
  }
}

bool is_windows_drive(std::string_view s) {
  return s.size() >= 2 && std::isalpha(static_cast<unsigned char>(s[0])) && s[1] == ':' &&
         (s.size() == 2 || s[2] == '\\' || s[2] == '/');
}

bool is_path_source(std::string_view s) {
  return !s.empty() && (s[0] == '/' || s[0] == '.' || s[0] == '~' || s[0] == '\\' || s[0] == '$' ||
                        is_windows_drive(s));
}

VolumeMount::Type volume_type(const std::string& t) {
  if (t == "bind") return VolumeMount::Type::Bind;
  if (t == "tmpfs") return VolumeMount::Type::Tmpfs;
  if (t == "npipe") return VolumeMount::Type::Npipe;
  if (t == "cluster") return VolumeMount::Type::Cluster;
  if (t == "image") return VolumeMount::Type::Image;
  return VolumeMount::Type::Volume;
}

}  // namespace

Location sub_location(const Node& n, size_t index, size_t len) {
  const Span& s = n.loc.span;
  size_t width = s.end.offset - s.start.offset;
  if (n.value.find('\n') != std::string::npos || s.start.line != s.end.line ||
      index + len > n.value.size())
    return n.loc;
  size_t lead;
  if (width == n.value.size() && !n.quoted)
    lead = 0;
  else if (width == n.value.size() + 2 && n.quoted)
    lead = 1;  // "..." or '...' without escapes
  else
    return n.loc;
  Location l = n.loc;
  l.span.start.offset = s.start.offset + lead + index;
  l.span.start.column = s.start.column + static_cast<int>(lead + index);
  l.span.end = l.span.start;
  l.span.end.offset += len;
  l.span.end.column += static_cast<int>(len);
  return l;
}

std::optional<PortSpec> parse_port(const Node& entry) {
  PortSpec p;
  p.loc = entry.loc;
  p.protocol = "tcp";
  if (entry.is_mapping()) {
    p.long_syntax = true;
    p.target = str(entry.get("target"));
    p.published = str(entry.get("published"));
    p.host_ip = str(entry.get("host_ip"));
    if (!str(entry.get("protocol")).empty()) p.protocol = str(entry.get("protocol"));
    p.mode = str(entry.get("mode"));
    p.name = str(entry.get("name"));
  } else if (entry.is_scalar()) {
    std::string s = entry.value;
    size_t slash = s.rfind('/');
    if (slash != std::string::npos) {
      p.protocol = s.substr(slash + 1);
      s = s.substr(0, slash);
    }
    size_t c = s.rfind(':');
    if (c == std::string::npos) {
      p.target = s;
    } else {
      p.target = s.substr(c + 1);
      std::string before = s.substr(0, c);
      size_t c2 = before.rfind(':');
      if (!before.empty() && before.back() == ']')
        c2 = std::string::npos;  // "[::1]" alone? not a port
      if (c2 == std::string::npos) {
        p.published = before;
      } else {
        p.published = before.substr(c2 + 1);
        p.host_ip = before.substr(0, c2);
        if (p.host_ip.size() >= 2 && p.host_ip.front() == '[' && p.host_ip.back() == ']')
          p.host_ip = p.host_ip.substr(1, p.host_ip.size() - 2);
      }
    }
  } else {
    return std::nullopt;
  }
  parse_range(p.published, &p.published_start, &p.published_end);
  parse_range(p.target, &p.target_start, &p.target_end);
  return p;
}

std::optional<VolumeMount> parse_volume(const Node& entry) {
  VolumeMount v;
  v.loc = v.source_loc = v.target_loc = entry.loc;
  if (entry.is_mapping()) {
    v.long_syntax = true;
    v.type = volume_type(str(entry.get("type")));
    v.source = str(entry.get("source"));
    v.target = str(entry.get("target"));
    const Node* ro = entry.get("read_only");
    v.read_only = ro && is_true(*ro);
    if (const Node* s = entry.get("source")) v.source_loc = s->loc;
    if (const Node* t = entry.get("target")) v.target_loc = t->loc;
    return v;
  }
  if (!entry.is_scalar()) return std::nullopt;
  const std::string& s = entry.value;
  // Split on ':' from the left, keeping a Windows drive letter ("C:\x") whole.
  std::vector<std::pair<size_t, size_t>> parts;  // [start, end)
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != ':') continue;
    if (i < s.size() && i == start + 1 && is_windows_drive(std::string_view(s).substr(start)))
      continue;
    parts.emplace_back(start, i);
    start = i + 1;
  }
  auto part = [&](size_t k) { return s.substr(parts[k].first, parts[k].second - parts[k].first); };
  auto sub = [&](size_t k) {
    return sub_location(entry, parts[k].first, parts[k].second - parts[k].first);
  };
  if (parts.size() == 1) {
    v.type = VolumeMount::Type::Volume;  // anonymous
    v.target = part(0);
    v.target_loc = sub(0);
    return v;
  }
  v.source = part(0);
  v.source_loc = sub(0);
  v.target = part(1);
  v.target_loc = sub(1);
  if (parts.size() >= 3) {
    v.mode = s.substr(parts[2].first);
    size_t b = 0;
    while (b <= v.mode.size()) {
      size_t e = v.mode.find(',', b);
      if (e == std::string::npos) e = v.mode.size();
      if (v.mode.substr(b, e - b) == "ro") v.read_only = true;
      b = e + 1;
    }
  }
  v.type = is_path_source(v.source) ? VolumeMount::Type::Bind : VolumeMount::Type::Volume;
  return v;
}

const char* volume_type_name(VolumeMount::Type t) {
  switch (t) {
    case VolumeMount::Type::Bind:
      return "bind";
    case VolumeMount::Type::Tmpfs:
      return "tmpfs";
    case VolumeMount::Type::Npipe:
      return "npipe";
    case VolumeMount::Type::Cluster:
      return "cluster";
    case VolumeMount::Type::Image:
      return "image";
    case VolumeMount::Type::Volume:
      return "volume";
  }
  return "volume";
}

}  // namespace dd::compose
