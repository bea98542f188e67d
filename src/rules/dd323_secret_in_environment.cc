// DD323 secret-in-environment (rules/DD323.md): a password, token or key
// written as a literal value in `environment:` or in an env_file git keeps.
#include <set>
#include <string>
#include <vector>

#include "rules/compose_check.h"
#include "rules/util.h"

namespace dd {

namespace {

std::vector<std::string> words(const std::string& key) {
  std::vector<std::string> out(1);
  for (char c : rules::ascii_lower(key)) {
    if (c == '_' || c == '-' || c == '.') {
      if (!out.back().empty()) out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

// A variable name that says it holds a secret: `DB_PASSWORD`, `API_TOKEN`,
// `AWS_SECRET_ACCESS_KEY`, `STRIPE_API_KEY`; not `PASSWORD_FILE` (a path),
// `TOKEN_TTL` or `PUBLIC_KEY`.
bool secret_name(const std::string& key) {
  std::vector<std::string> w = words(key);
  if (w.empty()) return false;
  const std::string& last = w.back();
  for (const char* s :
       {"password", "passwd", "pass", "pwd", "secret", "token", "apikey", "secretkey"})
    if (last == s) return true;
  if (last == "key" && w.size() >= 2) {
    const std::string& prev = w[w.size() - 2];
    for (const char* s :
         {"api", "secret", "private", "access", "encryption", "signing", "master", "auth"})
      if (prev == s) return true;
  }
  return false;
}

bool placeholder_value(const std::string& v) {
  std::string l = rules::ascii_lower(v);
  return l.empty() || l == "true" || l == "false" || l == "yes" || l == "no" || l == "none" ||
         l == "null";
}

// A value that names where the secret is rather than being it:
// `/run/secrets/db_password`, `./config/jwt/private.pem`.
bool path_value(const std::string& v) {
  if (v.starts_with("/") || v.starts_with("./") || v.starts_with("~/")) return true;
  for (const char* ext : {".pem", ".key", ".crt", ".txt", ".json"})
    if (v.ends_with(ext)) return true;
  return false;
}

// A literal secret: `${DB_PASSWORD}` comes from the environment or `.env`,
// not from the file.
bool literal_secret(const compose::Scalar& key, const compose::Scalar& value) {
  return secret_name(key.value) && value.raw.find('$') == std::string::npos &&
         !placeholder_value(value.value) && !path_value(value.value);
}

// The env files the services read that git does not ignore, each once (a
// file several services name is one file).
void check_env_files(ComposeCheckContext& ctx) {
  std::set<std::string> seen;
  for (const compose::Service& s : ctx.project().services)
    for (const compose::EnvFile& ef : s.env_files) {
      if (ef.state != compose::EnvFile::State::Read || ef.git_ignored || !seen.insert(ef.display).second)
        continue;
      for (const compose::EnvFileVar& v : ef.vars) {
        if (!v.value || !literal_secret(v.key, *v.value)) continue;
        ctx.report(v.value->loc,
                   "`" + v.key.value + "` is set to a literal value in `" + ef.display +
                       "`, an env_file that git does not ignore: once committed, the secret is in "
                       "version control, in `docker inspect` and in every process's environment. "
                       "Add the file to .gitignore (commit an example file without values), or use "
                       "a Compose `secrets:` file mounted at /run/secrets");
      }
    }
}

}  // namespace

void check_dd323(ComposeCheckContext& ctx) {
  check_env_files(ctx);
  for (const compose::Service& s : ctx.project().services)
    for (const compose::KeyValue& kv : s.environment) {
      if (!kv.value || !literal_secret(kv.key, *kv.value)) continue;
      ctx.report(kv.value->loc,
                 "`" + kv.key.value +
                     "` is set to a literal value in the compose file: the secret is in "
                     "version control, in `docker inspect` and in every process's "
                     "environment. Read it from a variable (`${" +
                     kv.key.value +
                     "}` set in an untracked `.env`) or, better, use a Compose `secrets:` "
                     "file mounted at /run/secrets");
    }
}

}  // namespace dd
