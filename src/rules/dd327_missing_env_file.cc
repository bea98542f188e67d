// DD327 missing-env-file (rules/DD327.md): a required env_file that is not
// there; Compose refuses to start the project.
#include "rules/compose_check.h"

namespace dd {

void check_dd327(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services)
    for (const compose::EnvFile& ef : s.env_files) {
      if (ef.state != compose::EnvFile::State::Missing || !ef.required) continue;
      ctx.report(ef.path.loc, "env_file `" + ef.path.value + "` of service `" + s.name.value +
                                  "` does not exist (looked for `" + ef.display +
                                  "`): `docker compose up` stops before starting anything. Create "
                                  "it, or mark the entry `required: false` if the service runs "
                                  "without it");
    }
}

}  // namespace dd
