// DD314 image-without-tag-or-latest (rules/DD314.md): an image reference that
// moves: no tag, or `latest`.
#include <optional>

#include "rules/compose_check.h"
#include "rules/image_ref.h"

namespace dd {

void check_dd314(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services) {
    // With `build`, `image` names what the build produces.
    if (!s.image || s.build || s.image->value.empty()) continue;
    // An unset variable in it is DD306's finding.
    if (s.image->raw.find('$') != std::string::npos && s.image->value.back() == ':') continue;
    std::optional<rules::ImageRef> r = rules::parse_image_ref(s.image->value);
    if (!r || !r->digest.empty()) continue;
    if (r->tag_written && r->tag != "latest") continue;
    ctx.report(s.image->loc,
               std::string(!r->tag_written ? "`" + s.image->value + "` has no tag, so it means `latest`"
                                           : "`" + s.image->value + "` uses the `latest` tag") +
                   ": each pull may bring a different version, and machines that pulled at "
                   "different times run different software. Pin a version tag (and a digest, "
                   "`@sha256:...`, for reproducible deploys)");
  }
}

}  // namespace dd
