// DD322 dangerous-capability (rules/DD322.md): `cap_add` of a capability
// that amounts to root on the host.
#include <cctype>
#include <string>

#include "rules/compose_check.h"
#include "rules/doc_options.h"
#include "rules/util.h"

namespace dd {

void check_dd322(ComposeCheckContext& ctx) {
  const std::vector<std::string>& dangerous = rules::rule_option_words("DD322", "capabilities");
  for (const compose::Service& s : ctx.project().services)
    for (const compose::Scalar& c : s.cap_add) {
      std::string cap = rules::ascii_lower(c.value);
      for (char& ch : cap) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      if (cap.starts_with("CAP_")) cap = cap.substr(4);
      for (const std::string& d : dangerous)
        if (cap == d) {
          ctx.report(
              c.loc,
              "`" + c.value + "` gives `" + s.name.value +
                  (cap == "ALL" ? "` every capability: it is as good as `privileged`"
                                : "` a capability that breaks out of the container "
                                  "(mounts, kernel modules, other processes' memory or the "
                                  "host's network)") +
                  ". Add only the narrow capability the service needs, and `cap_drop: [ALL]` "
                  "first");
          break;
        }
    }
}

}  // namespace dd
