// DD321 docker-socket-mounted (rules/DD321.md): the Docker daemon's socket
// mounted into a service.
#include "rules/compose_check.h"
#include "rules/compose_util.h"

namespace dd {

void check_dd321(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services)
    for (const compose::VolumeMount& v : s.volumes) {
      if (v.type != compose::VolumeMount::Type::Bind && v.type != compose::VolumeMount::Type::Npipe)
        continue;
      std::string joined;
      for (std::string_view seg : rules::path_segments(v.source)) joined += "/" + std::string(seg);
      if (joined != "/var/run/docker.sock" && joined != "/run/docker.sock" &&
          !v.source.ends_with("pipe\\docker_engine") && !v.source.ends_with("pipe/docker_engine"))
        continue;
      ctx.report(v.source_loc,
                 "`" + s.name.value +
                     "` mounts the Docker daemon's socket: whoever controls the "
                     "container can start privileged containers and so owns the host (`:ro` "
                     "does not help, the API still works). Use a socket proxy that allows only "
                     "the calls the service needs, or rootless Docker");
    }
}

}  // namespace dd
