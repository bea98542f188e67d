// `RUN --mount=...` values: encoding/csv splitting and the checks of
// BuildKit's parseMount (instructions/commands_runmount.go). Values that
// hold a `$` are expanded at build time, so they are not judged here.
#include <algorithm>
#include <string>
#include <vector>

#include "dockerfile/mount.h"
#include "dockerfile/parse_internal.h"
#include "dockerfile/text.h"

namespace dd::dfparse {

bool read_csv_record(std::string_view text, std::vector<CsvField>& fields, std::string& error) {
  fields.clear();
  if (text.empty()) {
    error = "EOF";
    return false;
  }
  size_t pos = 0;
  auto fail = [&](size_t at, const char* what) {
    error = "parse error on line 1, column " + std::to_string(at + 1) + ": " + what;
    return false;
  };
  for (;;) {
    CsvField field;
    field.begin = pos;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      for (;;) {
        size_t q = text.find('"', pos);
        if (q == std::string_view::npos)
          return fail(text.size(), "extraneous or missing \" in quoted-field");
        field.text.append(text.substr(pos, q - pos));
        pos = q + 1;
        if (pos < text.size() && text[pos] == '"') {
          field.text += '"';
          ++pos;
          continue;
        }
        if (pos == text.size() || text[pos] == ',') break;
        return fail(pos, "extraneous or missing \" in quoted-field");
      }
    } else {
      size_t comma = text.find(',', pos);
      size_t end = comma == std::string_view::npos ? text.size() : comma;
      std::string_view raw = text.substr(pos, end - pos);
      size_t quote = raw.find('"');
      if (quote != std::string_view::npos) return fail(pos + quote, "bare \" in non-quoted-field");
      field.text.assign(raw);
      pos = end;
    }
    field.end = pos;
    fields.push_back(std::move(field));
    if (pos >= text.size()) return true;
    ++pos;  // the comma
    if (pos == text.size()) {
      fields.push_back(CsvField{"", pos, pos});  // a trailing comma ends with an empty field
      return true;
    }
  }
}

std::vector<FlagOption> mount_options(std::string_view value) {
  std::vector<CsvField> fields;
  std::string error;
  std::vector<FlagOption> out;
  if (!read_csv_record(value, fields, error)) return out;
  for (const CsvField& cf : fields) {
    const std::string& f = cf.text;
    size_t eq = f.find('=');
    FlagOption o;
    o.key = f.substr(0, eq);
    for (char& c : o.key) c = ascii_lower(c);
    if (eq != std::string::npos) o.value = f.substr(eq + 1);
    out.push_back(std::move(o));
  }
  return out;
}

namespace {

bool parse_go_bool(std::string_view v, bool* out) {
  for (std::string_view t : {"1", "t", "T", "TRUE", "true", "True"})
    if (v == t) return *out = true, true;
  for (std::string_view f : {"0", "f", "F", "FALSE", "false", "False"})
    if (v == f) return *out = false, true;
  return false;
}

// strconv.ParseUint(v, base, 32).
bool parse_uint32(std::string_view v, int base) {
  if (v.empty()) return false;
  unsigned long long n = 0;
  for (char c : v) {
    int d = c - '0';
    if (d < 0 || d >= base) return false;
    n = n * static_cast<unsigned>(base) + static_cast<unsigned>(d);
    if (n > 0xFFFFFFFFull) return false;
  }
  return true;
}

// docker/go-units RAMInBytes: ^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$
bool valid_ram_size(std::string_view v) {
  size_t i = 0;
  auto digits = [&] {
    size_t s = i;
    while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
    return i > s;
  };
  if (!digits()) return false;
  while (i < v.size() && v[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < v.size() && v[i] == ' ') ++i;
  if (i < v.size() && std::string_view("kKmMgGtTpP").find(v[i]) != std::string_view::npos) ++i;
  if (i < v.size() && (v[i] == 'i' || v[i] == 'I')) ++i;
  if (i < v.size() && (v[i] == 'b' || v[i] == 'B')) ++i;
  return i == v.size();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

}  // namespace

std::vector<MountProblem> mount_errors(std::string_view value) {
  std::vector<MountProblem> errs;
  std::vector<CsvField> fields;
  std::string csv_error;
  if (!read_csv_record(value, fields, csv_error)) {
    errs.push_back(
        {"failed to parse csv mounts: " + csv_error +
             ": expected comma-separated key=value options such as type=cache,target=/root/.cache",
         0, value.size()});
    return errs;
  }
  size_t current = 0;  // the field being judged
  // Problems point at the field they are about (`at`, an index in fields).
  auto problem = [&](std::string msg, size_t at) {
    errs.push_back({std::move(msg), fields[at].begin, fields[at].end});
  };
  size_t from_at = 0, source_at = 0, id_at = 0, sharing_at = 0, mode_at = 0, uid_at = 0, gid_at = 0,
         type_at = 0;
  std::string type = "bind";
  bool type_known = true;
  bool has_from = false, has_source = false, has_target = false, has_id = false, has_env = false;
  bool has_sharing = false, has_mode = false, has_uid = false, has_gid = false;
  static const std::vector<std::string_view> kTypes = {"bind", "cache", "tmpfs", "secret", "ssh"};
  static const std::vector<std::string_view> kKeys = {
      "type",        "from", "source", "target",    "readonly", "id",  "sharing",
      "required",    "size", "mode",   "uid",       "gid",      "src", "dst",
      "destination", "ro",   "rw",     "readwrite", "env"};
  auto secretish = [&] { return type == "secret" || type == "ssh"; };
  for (; current < fields.size(); ++current) {
    const std::string& field = fields[current].text;
    size_t eq = field.find('=');
    std::string key = lower(std::string_view(field).substr(0, eq));
    if (eq == std::string::npos) {
      if (key == "readonly" || key == "ro" || key == "readwrite" || key == "rw") continue;
      if (key == "required") {
        if (type_known && !secretish())
          problem("unexpected key 'required' for mount type '" + type +
                      "': only secret and ssh mounts can be required",
                  current);
        continue;
      }
      problem("invalid field '" + clip(field) + "' must be a key=value pair", current);
      continue;
    }
    std::string v = field.substr(eq + 1);
    std::string shown = clip(v);  // the value as error messages quote it
    if (key == "from") {
      size_t d = v.find('$');
      if (d != std::string::npos && d + 1 < v.size()) {
        problem("'from' doesn't support variable expansion, define alias stage instead", current);
        continue;
      }
    }
    if (v.find('$') != std::string::npos) {
      // Expanded at build time: only its presence is known here.
      if (key == "type") type_known = false;
      if (key == "type") type_at = current;
      if (key == "source" || key == "src") has_source = true;
      if (key == "target" || key == "dst" || key == "destination") has_target = true;
      if (key == "id") has_id = true;
      continue;
    }
    bool b;
    if (key == "type") {
      std::string t = lower(v);
      bool ok = false;
      for (std::string_view k : kTypes) ok = ok || k == t;
      if (!ok) {
        std::string msg = "unsupported mount type \"" + shown + "\"";
        std::string s = suggest(v, kTypes, true);
        if (!s.empty()) msg += " (did you mean " + s + "?)";
        problem(msg + ": expected one of bind, cache, tmpfs, secret, ssh", current);
        type_known = false;
      } else {
        type = t;
        type_at = current;
      }
    } else if (key == "from") {
      has_from = true;
      from_at = current;
    } else if (key == "source" || key == "src") {
      has_source = true;
      source_at = current;
    } else if (key == "target" || key == "dst" || key == "destination") {
      has_target = true;
    } else if (key == "readonly" || key == "ro" || key == "readwrite" || key == "rw") {
      if (!parse_go_bool(v, &b))
        problem("invalid value for " + clip(key) + ": " + shown + ": expected true or false",
                current);
    } else if (key == "required") {
      if (type_known && !secretish())
        problem("unexpected key 'required' for mount type '" + type +
                    "': only secret and ssh mounts can be required",
                current);
      else if (!parse_go_bool(v, &b))
        problem("invalid value for required: " + shown + ": expected true or false", current);
    } else if (key == "id") {
      has_id = true;
      id_at = current;
    } else if (key == "sharing") {
      sharing_at = current;
      std::string l = lower(v);
      if (l != "shared" && l != "private" && l != "locked")
        problem("unsupported sharing value \"" + shown + "\": expected shared, private or locked",
                current);
      has_sharing = true;
    } else if (key == "mode") {
      if (!parse_uint32(v, 8))
        problem("invalid value " + shown + " for mode: expected an octal number such as 0644",
                current);
      has_mode = true;
      mode_at = current;
    } else if (key == "uid" || key == "gid") {
      if (!parse_uint32(v, 10))
        problem("invalid value " + shown + " for " + key + ": expected a number", current);
      (key == "uid" ? has_uid : has_gid) = true;
      (key == "uid" ? uid_at : gid_at) = current;
    } else if (key == "size") {
      if (type_known && type == "tmpfs" && !valid_ram_size(v))
        problem("invalid size: '" + shown + "': expected a size such as 64m", current);
    } else if (key == "env") {
      has_env = true;
    } else {
      std::string msg = "unexpected key '" + clip(key) + "' in '" + clip(field) + "'";
      std::string s = suggest(key, kKeys, true);
      if (!s.empty()) msg += " (did you mean " + s + "?)";
      problem(msg, current);
    }
  }
  if (!type_known) return errs;
  bool file_info_allowed = type == "secret" || type == "ssh" || type == "cache";
  if (!file_info_allowed) {
    if (has_mode)
      problem("mode not allowed for \"" + type +
                  "\" type mounts: mode, uid and gid apply to cache, secret and ssh mounts",
              mode_at);
    if (has_uid) problem("uid not allowed for \"" + type + "\" type mounts", uid_at);
    if (has_gid) problem("gid not allowed for \"" + type + "\" type mounts", gid_at);
  }
  if (has_sharing && type != "cache")
    problem("invalid cache sharing set for " + type + " mount: sharing applies to type=cache only",
            sharing_at);
  if (type == "secret") {
    if (has_from)
      problem(
          "secret mount should not have a from: a secret comes from the build's --secret, not a "
          "stage",
          from_at);
    if (!has_source && !has_target && !has_id && !has_env)
      problem(
          "invalid secret mount. one of source, target required: expected id=<secret id> or "
          "target=<path>",
          type_at);
    if (has_source && has_id)
      problem("both source and id can't be set: expected only one of them",
              std::max(source_at, id_at));
  }
  return errs;
}

}  // namespace dd::dfparse
