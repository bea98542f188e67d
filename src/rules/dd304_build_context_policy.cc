// DD304 build-context-policy (rules/DD304.md): build contexts that send too
// much (shared without a .dockerignore) or too little (missing what the
// Dockerfile copies).
#include <map>
#include <string>
#include <vector>

#include "rules/compose_check.h"
#include "rules/doc_options.h"

namespace dd {

namespace {

const compose::Location& context_loc(const compose::Service& s) {
  return s.build->context ? s.build->context->loc : s.build->loc;
}

// The context as the compose file writes it.
std::string written(const compose::Service& s) {
  return s.build->context && !s.build->context->value.empty() ? s.build->context->value : ".";
}

std::string join_names(const std::vector<const compose::Service*>& v,
                       const compose::Service* except) {
  std::string out;
  for (const compose::Service* s : v)
    if (s != except) out += (out.empty() ? "`" : ", `") + s->name.value + "`";
  return out;
}

}  // namespace

void check_dd304(ComposeCheckContext& ctx) {
  const std::vector<std::string>& layout = rules::rule_option_words("DD304", "layout");
  bool isolated = !layout.empty() && layout[0] == "isolated";

  std::map<std::string, std::vector<const compose::Service*>> by_context;
  for (const compose::Service& s : ctx.project().services) {
    if (!s.build) continue;
    const ServiceBuildFacts* b = ctx.build(s.name.value);
    if (!b || !b->context_exists) continue;
    by_context[b->context_dir].push_back(&s);

    if (!b->missing_sources.empty() && !b->context_with_sources.empty()) {
      std::string list;
      for (size_t i = 0; i < b->missing_sources.size() && i < 3; ++i)
        list += (i ? ", `" : "`") + b->missing_sources[i] + "`";
      if (b->missing_sources.size() > 3)
        list += " and " + std::to_string(b->missing_sources.size() - 3) + " more";
      ctx.report(
          context_loc(s),
          "the build context `" + written(s) + "` does not contain " + list +
              ", which its Dockerfile copies (`" + b->context_with_sources +
              "` has them): the build fails with \"not found\". " +
              (isolated ? "Move those files into the service's directory, or pass them as a named "
                          "context (`additional_contexts`) and `COPY --from` it"
                        : "Use the directory that holds them (the repository root for shared "
                          "libraries, with a `.dockerignore`) as the context, or pass them as a "
                          "named context (`additional_contexts`)"));
    }
  }

  for (const auto& [dir, services] : by_context) {
    if (services.size() < 2) continue;
    for (const compose::Service* s : services) {
      const ServiceBuildFacts* b = ctx.build(s->name.value);
      if (isolated) {
        ctx.report(context_loc(*s),
                   "`" + s->name.value + "` shares the build context `" + written(*s) + "` with " +
                       join_names(services, s) +
                       ": every build sends the other services' files and is invalidated "
                       "by their changes. This project builds each service from its own "
                       "directory (option `layout: isolated`): set `context:` to it");
      } else if (!b->has_dockerignore) {
        ctx.report(context_loc(*s),
                   "`" + s->name.value + "` shares the build context `" + written(*s) + "` with " +
                       join_names(services, s) +
                       ", and it has no `.dockerignore`: every build sends the whole "
                       "directory (other services, `.git`, local virtualenvs, data) and "
                       "`COPY . .` takes all of it into the image. Add a `.dockerignore` "
                       "there (or `<Dockerfile>.dockerignore` per service) that keeps only "
                       "what the builds copy");
      }
    }
  }
}

}  // namespace dd
