// DD302 gpu-service-without-reservation (rules/DD302.md): a service built for
// NVIDIA GPUs that reserves none, and GPU reservations Compose cannot honour.
#include <optional>
#include <string>

#include "rules/compose_check.h"
#include "rules/compose_util.h"
#include "rules/image_ref.h"
#include "rules/util.h"
#include "shell/shell.h"

namespace dd {

namespace {

// True when an image reference names a CUDA image.
bool cuda_image(std::string_view image) {
  std::optional<rules::ImageRef> parsed = rules::parse_image_ref(image);
  if (!parsed) return false;
  const rules::ImageRef& r = *parsed;
  const std::string repo = rules::ascii_lower(r.repository);
  if (repo.find("nvidia/cuda") != std::string::npos || repo.starts_with("nvcr.io/nvidia/"))
    return true;
  if (repo.find("cuda") != std::string::npos) return true;
  bool ml = repo.ends_with("pytorch/pytorch") || repo.ends_with("tensorflow/tensorflow");
  return ml && (r.tag.find("cuda") != std::string::npos || r.tag.find("gpu") != std::string::npos);
}

// A package word that pulls CUDA builds: torch wheels from a CUDA index,
// TensorFlow's CUDA extra, CuPy's CUDA builds.
bool cuda_package_word(std::string_view w) {
  std::string s = rules::ascii_lower(w);
  return s.find("download.pytorch.org/whl/cu") != std::string::npos ||
         s.starts_with("tensorflow[and-cuda]") || s.starts_with("cupy-cuda") ||
         s.starts_with("jax[cuda");
}

// Why the service's Dockerfile needs a GPU, or "".
std::string dockerfile_gpu_reason(const ServiceBuildFacts& b) {
  const Dockerfile& df = *b.parsed;
  for (const Stage& st : df.stages)
    if (cuda_image(st.base)) return "its Dockerfile builds on `" + st.base + "`";
  ShellModel shell = build_shell_model(df);
  for (const ShellRun& run : shell.runs)
    for (const Command& c : run.commands)
      for (const ShellWord& w : c.args)
        if (!w.dynamic && cuda_package_word(w.value))
          return "its Dockerfile installs CUDA builds (`" + w.value + "`)";
  return "";
}

// The capabilities Docker's nvidia device driver answers to (moby's
// daemon/nvidia_linux.go): a request matches it when it lists only these.
bool nvidia_capability(std::string_view c) {
  for (std::string_view k :
       {"gpu", "nvidia", "compute", "compat32", "graphics", "utility", "video", "display"})
    if (c == k) return true;
  return false;
}

// True when every capability of `d` is one the nvidia driver has.
bool nvidia_capabilities(const compose::DeviceRequest& d) {
  if (d.capabilities.empty()) return false;
  for (const compose::Scalar& c : d.capabilities)
    if (!nvidia_capability(c.value)) return false;
  return true;
}

// True when `name` has the word "cpu" (`auto-cpu`, `cpu_only`): a CPU
// variant of a GPU service, which CUDA builds of PyTorch and TensorFlow
// support by falling back on purpose.
bool cpu_word(std::string_view name) {
  std::string s = rules::ascii_lower(name);
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find_first_of("-_. ", i);
    if (j == std::string::npos) j = s.size();
    if (s.compare(i, j - i, "cpu") == 0 && j - i == 3) return true;
    i = j + 1;
  }
  return false;
}

bool cpu_variant(const compose::Service& s) {
  if (cpu_word(s.name.value)) return true;
  for (const compose::Scalar& p : s.profiles)
    if (cpu_word(p.value)) return true;
  return false;
}

bool reserves_gpu(const compose::Service& s) {
  for (const compose::DeviceRequest& d : s.devices)
    if (nvidia_capabilities(d) && (!d.driver || d.driver->value == "nvidia")) return true;
  return false;
}

void check_devices(ComposeCheckContext& ctx, const compose::Service& s) {
  for (const compose::DeviceRequest& d : s.devices) {
    const compose::Location* caps_key = d.node.key_location("capabilities");
    if (!caps_key) {
      ctx.report(d.loc,
                 "this device reservation has no `capabilities`: Docker matches devices by "
                 "capability and reserves nothing without one. Add `capabilities: [gpu]`");
    } else if (!nvidia_capabilities(d) && d.driver && d.driver->value == "nvidia") {
      std::string odd;
      for (const compose::Scalar& c : d.capabilities)
        if (!nvidia_capability(c.value)) odd = c.value;
      ctx.report(*caps_key, "the nvidia device reservation asks for the capability `" + odd +
                                "`, which the nvidia driver does not have: Docker refuses to start "
                                "the service (\"could not select device driver\"). Write "
                                "`capabilities: [gpu]`");
    }
    if (d.driver && d.driver->value != "nvidia" &&
        rules::ascii_lower(d.driver->value).find("nvidia") != std::string::npos)
      ctx.report(d.driver->loc, "`driver: " + d.driver->value +
                                    "` names no device driver Docker knows, and starting the "
                                    "service fails. The NVIDIA driver is `driver: nvidia`");
    if (d.count && !d.device_ids.empty())
      ctx.report(d.count->loc,
                 "`count` and `device_ids` are both set: Compose refuses the service, they are "
                 "mutually exclusive. Keep `device_ids` to pick devices or `count` to take any");
    if (d.count && d.count->value != "all") {
      const std::string& c = d.count->value;
      bool number = !c.empty() && c.find_first_not_of("0123456789") == std::string::npos;
      if (!number || c == "0" || c.starts_with("0"))
        ctx.report(d.count->loc,
                   "`count: " + c +
                       "` is neither a positive number of devices nor `all`, so the "
                       "reservation is refused or reserves nothing. Write `count: 1` or "
                       "`count: all`");
    }
  }
}

}  // namespace

void check_dd302(ComposeCheckContext& ctx) {
  for (const compose::Service& s : ctx.project().services) {
    check_devices(ctx, s);
    // `gpus:` is the short form of the same reservation.
    if (reserves_gpu(s) || s.gpus || cpu_variant(s)) continue;
    std::optional<compose::Location> at;
    std::string reason;
    if (s.image && cuda_image(s.image->value)) {
      at = s.image->loc;
      reason = "the service runs the CUDA image `" + s.image->value + "`";
    } else if (s.runtime && s.runtime->value == "nvidia") {
      at = s.runtime->loc;
      reason = "the service asks for `runtime: nvidia`";
    }
    if (!at)
      for (const compose::KeyValue& kv : s.environment)
        if ((kv.key.value == "NVIDIA_VISIBLE_DEVICES" ||
             kv.key.value == "NVIDIA_DRIVER_CAPABILITIES") &&
            !(kv.value && (kv.value->value == "void" || kv.value->value == "none" ||
                           kv.value->value.empty()))) {
          at = kv.key.loc;
          reason = "the service sets `" + kv.key.value + "`";
          break;
        }
    if (!at && s.build)
      if (const ServiceBuildFacts* b = ctx.build(s.name.value); b && b->parsed) {
        std::string why = dockerfile_gpu_reason(*b);
        if (!why.empty()) {
          at = s.build->context ? s.build->context->loc : s.build->loc;
          reason = "the service needs a GPU: " + why;
        }
      }
    if (!at) continue;
    ctx.report(*at, reason +
                        ", but it reserves no GPU: Compose starts it without one and CUDA code "
                        "fails at run time or silently falls back to the CPU. Add "
                        "`deploy.resources.reservations.devices` with `driver: nvidia`, `count: 1` "
                        "(or `all`) and `capabilities: [gpu]`");
  }
}

}  // namespace dd
