// The instruction layer: what BuildKit's instructions.Parse (parse.go,
// bflag.go and the RUN flag hooks) rejects after the parser accepted the
// file, and the grouping of instructions into stages. Every problem is
// reported, not only the first, each on the characters at fault.
#include <string>
#include <vector>

#include "dockerfile/ast.h"
#include "dockerfile/mount.h"
#include "dockerfile/parse_internal.h"
#include "dockerfile/text.h"

namespace dd::dfparse {

namespace {

enum class FlagType { Bool, String, Strings };

struct FlagSpec {
  std::string_view name;
  FlagType type;
};

const std::vector<FlagSpec> kNoFlags;
const std::vector<FlagSpec> kAddFlags = {
    {"chown", FlagType::String},    {"chmod", FlagType::String},
    {"link", FlagType::Bool},       {"keep-git-dir", FlagType::Bool},
    {"checksum", FlagType::String}, {"exclude", FlagType::Strings},
    {"unpack", FlagType::Bool}};
const std::vector<FlagSpec> kCopyFlags = {
    {"chown", FlagType::String}, {"from", FlagType::String},  {"chmod", FlagType::String},
    {"link", FlagType::Bool},    {"parents", FlagType::Bool}, {"exclude", FlagType::Strings}};
const std::vector<FlagSpec> kFromFlags = {{"platform", FlagType::String}};
const std::vector<FlagSpec> kRunFlags = {{"mount", FlagType::Strings},
                                         {"network", FlagType::String},
                                         {"security", FlagType::String},
                                         {"device", FlagType::Strings}};
const std::vector<FlagSpec> kHealthcheckFlags = {{"interval", FlagType::String},
                                                 {"timeout", FlagType::String},
                                                 {"start-period", FlagType::String},
                                                 {"start-interval", FlagType::String},
                                                 {"retries", FlagType::String}};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_upper(c);
  return out;
}
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

// time.ParseDuration; the duration in nanoseconds (saturated) or an error.
bool parse_go_duration(std::string_view s, long double* ns, std::string* err) {
  std::string orig(s);
  auto invalid = [&](const char* why) {
    *err = std::string("time: ") + why + " \"" + clip(orig) + "\"";
    return false;
  };
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") {
    *ns = 0;
    return true;
  }
  if (s.empty()) return invalid("invalid duration");
  long double total = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid("invalid duration");
    size_t i = 0;
    long double v = 0;
    bool digits = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      ++i;
      digits = true;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      long double scale = 0.1L;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        v += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
        digits = true;
      }
    }
    if (!digits) return invalid("invalid duration");
    size_t u = i;
    while (u < s.size() && s[u] != '.' && !(s[u] >= '0' && s[u] <= '9')) ++u;
    std::string_view unit = s.substr(i, u - i);
    if (unit.empty()) return invalid("missing unit in duration");
    long double mult;
    if (unit == "ns")
      mult = 1;
    else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs")
      mult = 1e3L;
    else if (unit == "ms")
      mult = 1e6L;
    else if (unit == "s")
      mult = 1e9L;
    else if (unit == "m")
      mult = 60e9L;
    else if (unit == "h")
      mult = 3600e9L;
    else {
      *err = "time: unknown unit \"" + clip(unit) + "\" in duration \"" + clip(orig) + "\"";
      return false;
    }
    total += v * mult;
    s.remove_prefix(u);
  }
  if (total > 9.223372036854775807e18L) return invalid("invalid duration");
  *ns = neg ? -total : total;
  return true;
}

// The source span of (*f.value)[begin, end). Exact when the value is written
// as is on one line (no quotes, escapes or continuations inside), else the
// whole value.
Span value_sub_span(const Flag& f, size_t begin, size_t end) {
  if (!f.value || f.value_span.empty()) return f.span;
  const Span& v = f.value_span;
  bool verbatim = v.start.line == v.end.line && v.end.offset - v.start.offset == f.value->size() &&
                  f.raw.size() >= f.value->size() &&
                  f.raw.compare(f.raw.size() - f.value->size(), std::string::npos, *f.value) == 0;
  if (!verbatim || begin > end || end > f.value->size()) return v;
  Span s = v;
  s.start.offset += begin;
  s.start.column += static_cast<int>(begin);
  s.end = v.start;
  s.end.offset += end;
  s.end.column += static_cast<int>(end);
  return s;
}

class Checker {
 public:
  explicit Checker(Dockerfile& df) : df_(df) {}

  void check(const Instruction& ins);

 private:
  void error(std::string msg, Span span) {
    df_.errors.push_back(ParseError{std::move(msg), span, ErrorLayer::Instruction});
  }
  void check_flags(const Instruction& ins, const std::vector<FlagSpec>& specs);
  void need_args(const Instruction& ins, size_t count, bool exactly);
  void check_from(const Instruction& ins);
  void check_copy(const Instruction& ins);
  void check_run(const Instruction& ins);
  void check_healthcheck(const Instruction& ins);
  void check_onbuild(const Instruction& ins);
  void check_interval(const Instruction& ins, const char* name);
  std::string as_written(const Instruction& ins) const {
    // The keyword as the author spelled it (`original` starts with it).
    return ins.original.substr(0, ins.keyword.size());
  }

  Dockerfile& df_;
};

// BFlags.Parse for an instruction that registered `specs`.
void Checker::check_flags(const Instruction& ins, const std::vector<FlagSpec>& specs) {
  std::string kw(keyword_name(ins.kind));
  std::vector<std::string_view> seen;
  for (const Flag& f : ins.flags) {
    const std::string name = clip(f.name);  // as quoted in messages
    const FlagSpec* spec = nullptr;
    for (const FlagSpec& s : specs)
      if (s.name == f.name) spec = &s;
    if (!spec) {
      std::string msg = "unknown flag: " + name;
      std::vector<std::string_view> names;
      names.reserve(specs.size());
      for (const FlagSpec& s : specs) names.push_back(s.name);
      std::string s = suggest(f.name, names, true);
      if (!s.empty()) msg += " (did you mean " + s + "?)";
      if (specs.empty()) {
        msg += ": " + kw + " takes no flags";
      } else {
        msg += ": " + kw + " accepts ";
        for (size_t i = 0; i < specs.size(); ++i)
          msg += (i ? ", --" : "--") + std::string(specs[i].name);
      }
      error(msg, f.span);
      continue;
    }
    bool dup = false;
    for (std::string_view n : seen) dup = dup || n == f.name;
    if (dup && spec->type != FlagType::Strings) {
      error("duplicate flag specified: " + name + ": --" + name + " may be given only once",
            f.span);
      continue;
    }
    seen.push_back(spec->name);
    if (spec->type == FlagType::Bool) {
      if (f.value && f.value->empty()) {
        error("missing a value on flag: " + name + ": expected --" + name + " or --" + name +
                  "=true|false",
              f.span);
      } else if (f.value) {
        std::string l = lower(*f.value);
        if (l != "true" && l != "false")
          error("expecting boolean value for flag " + name + ", not: " + clip(*f.value),
                f.value_span);
      }
    } else if (!f.value) {
      error("missing a value on flag: " + name + ": expected --" + name + "=<value>", f.span);
    }
  }
}

void Checker::need_args(const Instruction& ins, size_t count, bool exactly) {
  std::string kw(keyword_name(ins.kind));
  size_t n = ins.args.size();
  if (exactly && n != count) {
    Span span = n > count ? Span{ins.args[count].span.start, ins.args.back().span.end} : ins.span;
    error(kw + " requires exactly one argument", span);
  } else if (!exactly && n < count) {
    error(kw + " requires at least one argument", ins.span);
  }
}

void Checker::check_from(const Instruction& ins) {
  const std::vector<Word>& a = ins.args;
  if (a.size() == 3 && lower(a[1].text) == "as") {
    std::string name = lower(a[2].text);
    bool ok = !name.empty() && name[0] >= 'a' && name[0] <= 'z';
    for (char c : name)
      ok = ok &&
           ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.');
    if (!ok)
      error("invalid name for build stage: \"" + clip(a[2].text) +
                "\", name can't start with a number or contain symbols: expected [a-z][a-z0-9-_.]*",
            a[2].span);
  } else if (a.size() != 1) {
    Span span = a.size() > 1 ? Span{a[1].span.start, a.back().span.end} : ins.span;
    std::string msg =
        "FROM requires either one or three arguments: expected `FROM [--platform=<platform>] "
        "<image> [AS <name>]`";
    if (a.size() == 3)
      msg = "FROM has three arguments but the second is \"" + clip(a[1].text) +
            "\": expected `FROM <image> AS <name>`";
    error(msg, span);
  }
  check_flags(ins, kFromFlags);
}

void Checker::check_copy(const Instruction& ins) {
  std::string kw(keyword_name(ins.kind));
  if (ins.args.size() < 2) {
    error(kw + " requires at least two arguments, but only " + (ins.args.empty() ? "none" : "one") +
              " was provided. Destination could not be determined: expected `" + kw +
              " <src>... <dest>`",
          ins.span);
  }
  check_flags(ins, ins.kind == Keyword::Add ? kAddFlags : kCopyFlags);
  if (ins.args.size() >= 2) {
    Heredoc doc;
    const Word& dest = ins.args.back();
    std::string_view d = dest.text;
    size_t i = 0;
    while (i < d.size() && d[i] >= '0' && d[i] <= '9') ++i;
    if (d.substr(i, 2) == "<<" && d.size() > i + 2 && !(d.size() == i + 3 && d[i + 2] == '-') &&
        d.find('<', i + 2) == std::string_view::npos)
      error(kw + " cannot accept a heredoc as a destination: expected a path as the last argument",
            dest.span);
  }
}

void Checker::check_run(const Instruction& ins) {
  check_flags(ins, kRunFlags);
  for (const Flag& f : ins.flags) {
    if (!f.value) continue;
    const std::string& v = *f.value;
    if (f.name == "network" && v != "default" && v != "none" && v != "host") {
      error("invalid network mode \"" + clip(v) + "\": expected default, none or host",
            f.value_span);
    } else if (f.name == "security" && v != "sandbox" && v != "insecure") {
      error("security \"" + clip(v) + "\" is not valid: expected sandbox or insecure",
            f.value_span);
    } else if (f.name == "mount") {
      for (MountProblem& m : mount_errors(v))
        error("invalid --mount: " + m.message, value_sub_span(f, m.begin, m.end));
    }
  }
}

void Checker::check_interval(const Instruction& ins, const char* name) {
  const Flag* f = ins.flag(name);
  if (!f || !f->value || f->value->empty()) return;
  long double ns = 0;
  std::string err;
  if (!parse_go_duration(*f->value, &ns, &err)) {
    error(err + ": expected a duration such as 30s or 1m30s", f->value_span);
  } else if (ns != 0 && ns < 1e6L) {
    error(std::string("Interval \"") + name +
              "\" cannot be less than 1ms: expected 0 or at least 1ms",
          f->value_span);
  }
}

void Checker::check_healthcheck(const Instruction& ins) {
  if (ins.args.empty()) {
    error(
        "HEALTHCHECK requires at least one argument: expected `HEALTHCHECK [options] CMD "
        "<command>` or `HEALTHCHECK NONE`",
        ins.span);
    return;
  }
  std::string type = upper(ins.args[0].text);
  if (type == "NONE") {
    if (ins.args.size() > 1)
      error("HEALTHCHECK NONE takes no arguments: expected `HEALTHCHECK NONE` alone",
            Span{ins.args[1].span.start, ins.args.back().span.end});
    return;
  }
  check_flags(ins, kHealthcheckFlags);
  if (type == "CMD") {
    if (ins.args.size() < 2)
      error("Missing command after HEALTHCHECK CMD: expected `HEALTHCHECK CMD <command>`",
            ins.args[0].span);
  } else {
    error("Unknown type \"" + clip(type) + "\" in HEALTHCHECK (try CMD): expected CMD or NONE",
          ins.args[0].span);
    return;
  }
  for (const char* n : {"interval", "timeout", "start-period", "start-interval"})
    check_interval(ins, n);
  if (const Flag* r = ins.flag("retries"); r && r->value && !r->value->empty()) {
    std::string_view v = *r->value;
    size_t i = v[0] == '+' || v[0] == '-' ? 1 : 0;
    bool digits = i < v.size();
    long long n = 0;
    bool range = true;
    for (size_t k = i; k < v.size() && digits; ++k) {
      digits = v[k] >= '0' && v[k] <= '9';
      n = n * 10 + (v[k] - '0');
      if (n > 2147483648LL) range = false;
    }
    if (!digits) {
      error(
          "strconv.ParseInt: parsing \"" + clip(v) + "\": invalid syntax: expected a whole number",
          r->value_span);
    } else if (!range || (v[0] != '-' && n > 2147483647LL)) {
      error("strconv.ParseInt: parsing \"" + clip(v) + "\": value out of range", r->value_span);
    } else if (v[0] == '-' && n > 0) {
      error("--retries cannot be negative (" + clip(v) + "): expected 0 or more", r->value_span);
    }
  }
}

void Checker::check_onbuild(const Instruction& ins) {
  if (ins.onbuild.empty()) {
    error("ONBUILD requires at least one argument: expected `ONBUILD <instruction>`", ins.span);
    return;
  }
  check_flags(ins, kNoFlags);
  const Instruction& trigger = ins.onbuild.front();
  std::string t = upper(trigger.keyword);
  if (t == "ONBUILD") {
    error(
        "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed: expected one trigger such as "
        "`ONBUILD RUN ...`",
        trigger.keyword_span);
  } else if (t == "MAINTAINER" || t == "FROM") {
    error(t + " isn't allowed as an ONBUILD trigger: expected an instruction such as RUN or COPY",
          trigger.keyword_span);
  }
}

void Checker::check(const Instruction& ins) {
  switch (ins.kind) {
    case Keyword::Env:
    case Keyword::Label: {
      check_flags(ins, kNoFlags);
      std::string kw(keyword_name(ins.kind));
      if (ins.pairs.empty())
        error(kw + " requires at least one argument: expected `" + kw + " <key>=<value>`",
              ins.span);
      for (const KeyValue& kv : ins.pairs)
        if (kv.key.text.empty())
          error(kw + " names can not be blank: expected <name>=<value>", kv.key.span);
      break;
    }
    case Keyword::Maintainer:
      need_args(ins, 1, true);
      check_flags(ins, kNoFlags);
      break;
    case Keyword::Add:
    case Keyword::Copy:
      check_copy(ins);
      break;
    case Keyword::From:
      check_from(ins);
      break;
    case Keyword::Onbuild:
      check_onbuild(ins);
      break;
    case Keyword::Workdir:
    case Keyword::User:
      need_args(ins, 1, true);
      check_flags(ins, kNoFlags);
      break;
    case Keyword::Stopsignal:
      need_args(ins, 1, true);
      break;
    case Keyword::Run:
      check_run(ins);
      break;
    case Keyword::Cmd:
    case Keyword::Entrypoint:
      check_flags(ins, kNoFlags);
      break;
    case Keyword::Healthcheck:
      check_healthcheck(ins);
      break;
    case Keyword::Expose:
      need_args(ins, 1, false);
      check_flags(ins, kNoFlags);
      break;
    case Keyword::Volume:
      need_args(ins, 1, false);
      check_flags(ins, kNoFlags);
      for (const Word& w : ins.args) {
        size_t b = skip_space_forward(w.text, 0, w.text.size());
        if (b == w.text.size())
          error("VOLUME specified can not be an empty string: expected a path", w.span);
      }
      break;
    case Keyword::Arg:
      if (ins.args.empty())
        error("ARG requires at least one argument: expected `ARG <name>[=<default>]`", ins.span);
      for (const KeyValue& kv : ins.pairs)
        if (kv.has_value && kv.key.text.empty())
          error("ARG names can not be blank: expected <name>=<default>", kv.key.span);
      break;
    case Keyword::Shell:
      check_flags(ins, kNoFlags);
      if (ins.args.empty())
        error(
            "SHELL requires at least one argument: expected `SHELL [\"executable\", "
            "\"parameters\"]`",
            ins.span);
      else if (!ins.json_form)
        error(
            "SHELL requires the arguments to be in JSON form: expected `SHELL [\"executable\", "
            "\"parameters\"]`",
            Span{ins.args.front().span.start, ins.args.back().span.end});
      break;
    case Keyword::Unknown: {
      static const std::vector<std::string_view> kNames = {
          "add",    "arg",   "cmd",         "copy",  "entrypoint", "env",
          "expose", "from",  "healthcheck", "label", "maintainer", "onbuild",
          "run",    "shell", "stopsignal",  "user",  "volume",     "workdir"};
      std::string written = as_written(ins);
      if (written.empty()) {
        error(
            "empty instruction: a line continuation with nothing after it; expected an instruction",
            ins.span);
        break;
      }
      std::string msg = "unknown instruction: " + clip(written);
      std::string s = suggest(written, kNames, false);
      if (!s.empty()) msg += " (did you mean " + s + "?)";
      msg += ": expected a Dockerfile instruction such as FROM, RUN, COPY";
      error(msg, ins.keyword_span);
      break;
    }
  }
}

}  // namespace

void check_instructions(Dockerfile& df, const std::vector<bool>& syntax_failed) {
  Checker checker(df);
  bool reported_no_stage = false;
  for (size_t i = 0; i < df.instructions.size(); ++i) {
    const Instruction& ins = df.instructions[i];
    bool failed = i < syntax_failed.size() && syntax_failed[i];
    if (!failed) checker.check(ins);
    if (ins.kind == Keyword::From) {
      Stage s;
      s.index = df.stages.size();
      s.from = i;
      if (!ins.args.empty()) s.base = ins.args[0].text;
      if (ins.args.size() == 3 && lower(ins.args[1].text) == "as") {
        s.name = lower(ins.args[2].text);
        s.name_span = ins.args[2].span;
      }
      if (const Flag* p = ins.flag("platform"); p && p->value) s.platform = *p->value;
      df.stages.push_back(std::move(s));
    } else if (df.stages.empty()) {
      if (ins.kind == Keyword::Arg) {
        df.global_args.push_back(i);
      } else if (!failed && ins.kind != Keyword::Unknown) {
        reported_no_stage = true;
        std::string kw(keyword_name(ins.kind));
        df.errors.push_back(ParseError{
            "no build stage in current context: " + kw +
                " must come after a FROM instruction (only ARG may come before the first FROM)",
            ins.keyword_span, ErrorLayer::Instruction});
      }
    } else {
      df.stages.back().body.push_back(i);
    }
  }
  if (df.stages.empty() && !df.instructions.empty() && !reported_no_stage) {
    // dockerfile2llb: a file of global ARGs alone builds nothing.
    df.errors.push_back(
        ParseError{"dockerfile contains no stages to build: expected a FROM instruction",
                   df.instructions.front().keyword_span, ErrorLayer::Instruction});
  }
}

}  // namespace dd::dfparse
