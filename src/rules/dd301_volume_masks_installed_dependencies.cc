// DD301 volume-masks-installed-dependencies (rules/DD301.md): a volume or bind
// mount over a directory the image installs dependencies into.
#include <string>

#include "rules/compose_check.h"
#include "rules/compose_util.h"
#include "rules/doc_options.h"

namespace dd {

void check_dd301(ComposeCheckContext& ctx) {
  const std::vector<std::string>& dirs = rules::rule_option_words("DD301", "dependency-dirs");
  for (const compose::Service& s : ctx.project().services) {
    for (const compose::VolumeMount& v : s.volumes) {
      if (v.type != compose::VolumeMount::Type::Volume &&
          v.type != compose::VolumeMount::Type::Bind)
        continue;
      std::string hit;
      for (std::string_view seg : rules::path_segments(v.target))
        for (const std::string& d : dirs)
          if (seg == d) hit = d;
      if (hit.empty()) continue;
      std::string what;
      std::string stale;
      if (v.type == compose::VolumeMount::Type::Bind) {
        what = "the bind mount of `" + v.source + "` over `" + v.target + "`";
        stale = "replaces the `" + hit +
                "` the image installed with whatever the host has there (missing, out of date, or "
                "built "
                "for the host's OS), so the container runs different packages than the image was "
                "built with";
      } else {
        what = v.source.empty() ? "the anonymous volume at `" + v.target + "`"
                                : "the volume `" + v.source + "` at `" + v.target + "`";
        stale =
            "is filled from the image only when the volume is first created; after that it keeps "
            "those packages and hides the `" +
            hit + "` of every rebuilt image, so dependency changes never reach the container";
      }
      ctx.report(
          v.target_loc,
          what + " " + stale +
              ". Keep dependencies in the image and sync only source: drop this mount and use "
              "`develop.watch` (`action: sync` for code, `action: rebuild` for the lockfile)");
    }
  }
}

}  // namespace dd
