// Interpolation as compose-go's template package does it. The grammar after
// `$`: `$` (escape), a name, or `{name}` / `{name<op>rest}` with op one of
// `:-` `-` `:?` `?` `:+` `+`. Anything else after `$` leaves the `$` as is;
// a `${` that does not close or holds no name is an invalid template.
#include "compose/interpolate.h"

namespace dd::compose {

namespace {

bool name_start(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool name_char(char c) {
  return name_start(c) || (c >= '0' && c <= '9');
}

class Interpolator {
 public:
  Interpolator(const Environment& env, std::vector<InterpolationIssue>* issues)
      : env_(env), issues_(issues) {}

  // `base` is the index of `in` within the scalar, for issue positions.
  std::string run(std::string_view in, size_t base) {
    std::string out;
    size_t i = 0;
    while (i < in.size()) {
      char c = in[i];
      if (c != '$' || i + 1 >= in.size()) {
        out += c;
        ++i;
        continue;
      }
      char next = in[i + 1];
      if (next == '$') {
        out += '$';
        i += 2;
      } else if (name_start(next)) {
        size_t j = i + 1;
        while (j < in.size() && name_char(in[j])) ++j;
        std::string name(in.substr(i + 1, j - i - 1));
        out += lookup_or_report(name, base + i, j - i);
        i = j;
      } else if (next == '{') {
        i = braced(in, i, base, &out);
      } else {
        out += c;
        ++i;
      }
    }
    return out;
  }

 private:
  const std::string* find(const std::string& name) const {
    auto it = env_.find(name);
    return it == env_.end() ? nullptr : &it->second;
  }

  std::string lookup_or_report(const std::string& name, size_t at, size_t length) {
    if (const std::string* v = find(name)) return *v;
    issues_->push_back({InterpolationIssue::Kind::Unset, at, length, name,
                        "variable '" + name + "' is not set; Compose uses an empty string"});
    return "";
  }

  // Parses `${...}` starting at in[i] == '$'; returns the index after it.
  size_t braced(std::string_view in, size_t i, size_t base, std::string* out) {
    size_t j = i + 2;
    size_t name_begin = j;
    if (j < in.size() && name_start(in[j]))
      while (j < in.size() && name_char(in[j])) ++j;
    std::string name(in.substr(name_begin, j - name_begin));
    // The matching '}', counting nested `${`.
    size_t close = std::string_view::npos;
    int depth = 0;
    for (size_t k = j; k < in.size(); ++k) {
      if (in[k] == '$' && k + 1 < in.size() && in[k + 1] == '{') {
        ++depth;
        ++k;
      } else if (in[k] == '}') {
        if (depth == 0) {
          close = k;
          break;
        }
        --depth;
      }
    }
    if (name.empty() || close == std::string_view::npos) {
      issues_->push_back({InterpolationIssue::Kind::Invalid, base + i, 2, name,
                          close == std::string_view::npos
                              ? "invalid interpolation: '${' is never closed"
                              : "invalid interpolation: '${' must be followed by a variable name"});
      out->append(in.substr(i));
      return in.size();
    }
    if (j == close) {
      *out += lookup_or_report(name, base + i, close + 1 - i);
      return close + 1;
    }
    bool colon = in[j] == ':';
    size_t op_at = colon ? j + 1 : j;
    char op = op_at < close ? in[op_at] : '\0';
    if (op != '-' && op != '?' && op != '+') {
      issues_->push_back({InterpolationIssue::Kind::Invalid, base + i, close + 1 - i, name,
                          "invalid interpolation: unexpected '" + std::string(in.substr(j, 1)) +
                              "' after the variable name in '${" + name + "...}'"});
      out->append(in.substr(i, close + 1 - i));
      return close + 1;
    }
    std::string_view rest = in.substr(op_at + 1, close - op_at - 1);
    size_t rest_base = base + op_at + 1;
    const std::string* v = find(name);
    // With ':', an empty value counts as unset.
    bool set = v && (!colon || !v->empty());
    if (op == '-') {
      *out += set ? *v : run(rest, rest_base);
    } else if (op == '+') {
      if (set) *out += run(rest, rest_base);
    } else {  // '?'
      if (set) {
        *out += *v;
      } else {
        std::string msg = run(rest, rest_base);
        issues_->push_back({InterpolationIssue::Kind::Required, base + i, close + 1 - i, name,
                            "required variable '" + name + "' is missing a value" +
                                (msg.empty() ? "" : ": " + msg)});
      }
    }
    return close + 1;
  }

  const Environment& env_;
  std::vector<InterpolationIssue>* issues_;
};

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

std::string interpolate(std::string_view in, const Environment& env,
                        std::vector<InterpolationIssue>* issues) {
  if (in.find('$') == std::string_view::npos) return std::string(in);
  return Interpolator(env, issues).run(in, 0);
}

Environment parse_dotenv(std::string_view text, const Environment& outer,
                         std::vector<int>* bad_lines) {
  Environment vars;
  // Values may refer to variables defined above them and to the outer
  // environment (which wins, as in Compose).
  auto lookup_env = [&]() {
    Environment e = vars;
    for (const auto& [k, v] : outer) e[k] = v;
    return e;
  };
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    ++line_no;
    size_t next = nl + 1;
    std::string t = trim(line);
    if (t.empty() || t[0] == '#') {
      pos = next;
      continue;
    }
    if (t.rfind("export ", 0) == 0) t = trim(std::string_view(t).substr(7));
    size_t eq = t.find('=');
    if (eq == std::string::npos) {
      // A bare name: godotenv takes it as set to the outer value, if any.
      bool ok = !t.empty() && name_start(t[0]);
      for (char c : t) ok = ok && (name_char(c) || c == '.' || c == '-');
      if (!ok) bad_lines->push_back(line_no);
      pos = next;
      continue;
    }
    std::string key = trim(std::string_view(t).substr(0, eq));
    bool key_ok = !key.empty();
    for (char c : key) key_ok = key_ok && (name_char(c) || c == '.' || c == '-');
    if (!key_ok) {
      bad_lines->push_back(line_no);
      pos = next;
      continue;
    }
    // The value starts after '=' in the original text (it may span lines).
    size_t value_at = pos + line.find('=') + 1;
    while (value_at < text.size() && (text[value_at] == ' ' || text[value_at] == '\t')) ++value_at;
    std::string value;
    char q = value_at < text.size() ? text[value_at] : '\0';
    if (q == '\'' || q == '"') {
      size_t k = value_at + 1;
      std::string raw;
      bool closed = false;
      for (; k < text.size(); ++k) {
        char c = text[k];
        if (q == '"' && c == '\\' && k + 1 < text.size()) {
          char e = text[++k];
          raw += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
          continue;
        }
        if (c == q) {
          closed = true;
          break;
        }
        raw += c;
      }
      if (!closed) {
        bad_lines->push_back(line_no);
        pos = next;
        continue;
      }
      if (q == '"') {
        std::vector<InterpolationIssue> ignored;
        value = interpolate(raw, lookup_env(), &ignored);
      } else {
        value = raw;
      }
      // Skip to the end of the line the closing quote is on.
      size_t end = text.find('\n', k);
      for (size_t c = pos; c < k && c < text.size(); ++c)
        if (text[c] == '\n') ++line_no;
      next = end == std::string_view::npos ? text.size() : end + 1;
    } else {
      std::string_view v = text.substr(value_at, nl - value_at);
      size_t hash = v.find(" #");
      if (hash != std::string_view::npos) v = v.substr(0, hash);
      std::vector<InterpolationIssue> ignored;
      value = interpolate(trim(v), lookup_env(), &ignored);
    }
    vars[key] = value;
    pos = next;
  }
  return vars;
}

}  // namespace dd::compose
