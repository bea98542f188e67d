// DD317 depends-on-cycle (rules/DD317.md): services that wait for each other.
#include <map>
#include <string>
#include <vector>

#include "rules/compose_check.h"

namespace dd {

namespace {

struct Walk {
  const compose::Project& project;
  ComposeCheckContext& ctx;
  std::map<std::string_view, int> state;  // 0 new, 1 on the stack, 2 done
  std::vector<std::string_view> stack;

  void visit(const compose::Service& s) {
    state[s.name.value] = 1;
    stack.push_back(s.name.value);
    for (const compose::Dependency& d : s.depends_on) {
      const compose::Service* next = project.service(d.service.value);
      if (!next) continue;  // DD316's
      int st = state[next->name.value];
      if (st == 1) {
        std::string path;
        size_t from = 0;
        while (stack[from] != next->name.value) ++from;
        for (size_t i = from; i < stack.size(); ++i) path += "`" + std::string(stack[i]) + "` -> ";
        path += "`" + next->name.value + "`";
        ctx.report(d.service.loc, "the services wait for each other in a cycle (" + path +
                                      "): `docker compose up` refuses to start them. Remove one of "
                                      "these `depends_on` entries");
      } else if (st == 0) {
        visit(*next);
      }
    }
    stack.pop_back();
    state[s.name.value] = 2;
  }
};

}  // namespace

void check_dd317(ComposeCheckContext& ctx) {
  Walk w{ctx.project(), ctx, {}, {}};
  for (const compose::Service& s : ctx.project().services)
    if (w.state[s.name.value] == 0) w.visit(s);
}

}  // namespace dd
