// Reading env files with positions (env_file.h). The rules are the same as
// for `.env` (interpolate.cc parse_dotenv), which needs no positions.
#include "compose/env_file.h"

#include <algorithm>

namespace dd::compose {

namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

}  // namespace

std::vector<EnvAssignment> parse_env_assignments(std::string_view text,
                                                 std::vector<int>* bad_lines) {
  std::vector<EnvAssignment> out;
  size_t pos = 0;
  int line_no = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    ++line_no;
    size_t next = nl + 1;
    size_t b = pos, e = nl;
    while (b < e && blank(text[b])) ++b;
    while (e > b && blank(text[e - 1])) --e;
    if (b == e || text[b] == '#') {
      pos = next;
      continue;
    }
    if (text.substr(b, e - b).rfind("export ", 0) == 0) {
      b += 7;
      while (b < e && blank(text[b])) ++b;
    }
    EnvAssignment a;
    a.key_begin = b;
    while (b < e && name_char(text[b])) ++b;
    a.key_end = b;
    a.key = std::string(text.substr(a.key_begin, a.key_end - a.key_begin));
    size_t after_key = b;
    while (b < e && blank(text[b])) ++b;
    bool key_ok = !a.key.empty() && !(a.key[0] >= '0' && a.key[0] <= '9');
    if (!key_ok || (b < e && text[b] != '=')) {
      bad_lines->push_back(line_no);
      pos = next;
      continue;
    }
    if (b == e) {  // a bare KEY
      if (after_key != e)
        bad_lines->push_back(line_no);
      else
        out.push_back(std::move(a));
      pos = next;
      continue;
    }
    a.has_value = true;
    size_t v = b + 1;
    while (v < nl && blank(text[v])) ++v;
    char q = v < text.size() ? text[v] : '\0';
    if (q == '\'' || q == '"') {
      size_t k = v + 1;
      bool closed = false;
      for (; k < text.size(); ++k) {
        char c = text[k];
        if (q == '"' && c == '\\' && k + 1 < text.size()) {
          char x = text[++k];
          a.value += x == 'n' ? '\n' : x == 't' ? '\t' : x == 'r' ? '\r' : x;
          continue;
        }
        if (c == q) {
          closed = true;
          break;
        }
        a.value += c;
      }
      if (!closed) {
        bad_lines->push_back(line_no);
        pos = next;
        continue;
      }
      a.value_begin = v + 1;
      a.value_end = k;
      a.raw = std::string(text.substr(a.value_begin, a.value_end - a.value_begin));
      for (size_t c = pos; c < k; ++c)
        if (text[c] == '\n' && c >= nl) ++line_no;
      size_t end = text.find('\n', k);
      next = end == std::string_view::npos ? text.size() : end + 1;
    } else {
      size_t end = e;
      std::string_view rest = text.substr(v, e > v ? e - v : 0);
      size_t hash = rest.find(" #");
      if (hash != std::string_view::npos) end = v + hash;
      while (end > v && blank(text[end - 1])) --end;
      a.value_begin = v;
      a.value_end = std::max(v, end);
      a.raw = a.value = std::string(text.substr(a.value_begin, a.value_end - a.value_begin));
    }
    out.push_back(std::move(a));
    pos = next;
  }
  return out;
}

}  // namespace dd::compose
