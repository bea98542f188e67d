// DD505 dev-prod-drift (rules/DD505.md): a development image that is not built
// like its production twin (base image, language version, lockfile, installer).
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "rules/image_profile.h"
#include "rules/image_role.h"
#include "rules/project_check.h"
#include "rules/util.h"

namespace dd {

namespace {

using rules::ImageProfile;

struct Image {
  size_t file = 0;
  size_t stage = 0;
};

std::string base_name(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string dir_name(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash);
}

// A file name's words without the ones that mark development
// ("Dockerfile.dev" and "Dockerfile" both give "dockerfile"), so that a dev
// file finds its twin.
std::string twin_key(const std::string& name) {
  static const std::set<std::string> kDev = {"dev", "develop", "development", "local", "debug"};
  std::string key, word;
  auto flush = [&] {
    if (!word.empty() && !kDev.count(word)) key += (key.empty() ? "" : ".") + word;
    word.clear();
  };
  for (char c : rules::ascii_lower(name)) {
    if (c == '.' || c == '-' || c == '_') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return key;
}

// Dev images and the production image each is the twin of: Dockerfile.dev
// beside Dockerfile (dev.Dockerfile, api.dev.Dockerfile...), and dev stages
// beside a production stage in one file.
std::vector<std::pair<Image, Image>> twins(const ProjectCheckContext& ctx) {
  const auto& files = ctx.dockerfiles();
  std::vector<std::pair<Image, Image>> out;
  for (size_t d = 0; d < files.size(); ++d) {
    const std::string& dev_path = files[d].file->path;
    const Dockerfile& dev_df = *files[d].dockerfile;
    if (dev_df.stages.empty()) continue;
    if (rules::is_dev_file_path(dev_path)) {
      for (size_t p = 0; p < files.size(); ++p) {
        const std::string& prod_path = files[p].file->path;
        if (p == d || dir_name(prod_path) != dir_name(dev_path) ||
            rules::is_dev_file_path(prod_path))
          continue;
        if (twin_key(base_name(prod_path)) != twin_key(base_name(dev_path))) continue;
        std::vector<size_t> prod = rules::production_stages(*files[p].dockerfile, files[p].file);
        if (!prod.empty()) out.push_back({{d, dev_df.stages.size() - 1}, {p, prod.back()}});
      }
      continue;
    }
    std::vector<size_t> prod = rules::production_stages(dev_df, files[d].file);
    if (prod.empty()) continue;
    for (size_t s = 0; s < dev_df.stages.size(); ++s)
      if (s != prod.back() && rules::is_dev_stage_name(dev_df.stages[s].name))
        out.push_back({{d, s}, {d, prod.back()}});
  }
  return out;
}

// "services/api/Dockerfile (line 3)" or "the production stage 'runtime' (line 9)".
std::string where(const ProjectCheckContext& ctx, const Image& image, const Image& other,
                  int line) {
  if (image.file == other.file)
    return rules::production_label(*ctx.dockerfiles()[image.file].dockerfile, image.stage) +
           " (line " + std::to_string(line) + ")";
  return ctx.dockerfiles()[image.file].file->path + " (line " + std::to_string(line) + ")";
}

bool shares_lockfile(const std::vector<std::string>& names,
                     const std::map<std::string, int>& present) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return present.count(n) > 0; });
}

void compare_bases(ProjectCheckContext& ctx, const Image& dev, const ImageProfile& d,
                   const Image& prod, const ImageProfile& p) {
  if (!d.base || !p.base) return;
  std::string twin = where(ctx, prod, dev, p.base_line);
  const std::string consequence =
      ": code that passes in development can fail or behave differently in production; build both "
      "from the "
      "same base image (FROM " +
      p.base_text + ")";
  // Different repositories are usually by design: a toolchain image for
  // development, a slim runtime (nginx, distroless, a JRE) for production.
  // Only the same image at another version or C library is drift.
  if (d.base->repository != p.base->repository) return;
  std::string dv = rules::tag_version(d.base->tag), pv = rules::tag_version(p.base->tag);
  std::string product = rules::image_product(*d.base);
  if (!dv.empty() && !pv.empty() && !rules::versions_agree(dv, pv)) {
    ctx.report(dev.file, d.base_span,
               "the development image runs " + product + " " + dv + " (" + d.base_text +
                   "), but its production twin " + twin + " runs " + product + " " + pv + " (" +
                   p.base_text + ")" + consequence);
    return;
  }
  if (!d.base->tag.empty() && !p.base->tag.empty() &&
      rules::is_musl_tag(d.base->tag) != rules::is_musl_tag(p.base->tag))
    ctx.report(dev.file, d.base_span,
               "the development image is built on " + d.base_text + " and its production twin " +
                   twin + " on " + p.base_text +
                   ": one uses Alpine's musl C library, the other glibc, so native packages and "
                   "binaries differ between them" +
                   consequence.substr(consequence.find(';')));
}

// An install that runs without the lockfile its twin installs from.
void compare_lockfiles(ProjectCheckContext& ctx, const Image& image, const ImageProfile& mine,
                       const Image& twin, const ImageProfile& theirs, const std::string& role,
                       const std::string& twin_role) {
  for (const rules::ProjectInstall& install : mine.installs) {
    if (shares_lockfile(install.lockfiles, mine.lockfiles)) continue;
    for (const std::string& lock : install.lockfiles) {
      auto it = theirs.lockfiles.find(lock);
      if (it == theirs.lockfiles.end()) continue;
      const std::string& text = ctx.dockerfiles()[image.file].dockerfile->text;
      std::string command = text.substr(install.span.start.offset,
                                        install.span.end.offset - install.span.start.offset);
      ctx.report(image.file, install.span,
                 "`" + command + "` installs the " + role + " image's dependencies without " +
                     lock + ", which its " + twin_role + " twin " +
                     where(ctx, twin, image, it->second) +
                     " installs from: the two resolve to different versions, so the " + role +
                     " image does not run what ships; copy " + lock +
                     " in before this install and install from it");
      return;  // one report per image is enough to fix the pair
    }
  }
}

void compare_installers(ProjectCheckContext& ctx, const Image& dev, const ImageProfile& d,
                        const Image& prod, const ImageProfile& p) {
  if (d.installs.empty() || p.installs.empty()) return;
  for (const rules::ProjectInstall& a : d.installs)
    for (const rules::ProjectInstall& b : p.installs)
      if (a.manager == b.manager) return;
  const rules::ProjectInstall& first = d.installs.front();
  const rules::ProjectInstall& theirs = p.installs.front();
  ctx.report(
      dev.file, first.span,
      "the development image installs its dependencies with `" + first.manager +
          "`, its production twin " + where(ctx, prod, dev, theirs.line) + " with `" +
          theirs.manager +
          "`: the two read different dependency lists and resolve differently; install with `" +
          theirs.manager + "` from the same files in both");
}

// True when the production image is built on or from the development stage
// (`FROM development AS build`, then `COPY --from=build`): they share it by
// construction, and what differs is the point of the later stages.
bool prod_builds_on_dev(const ProjectCheckContext& ctx, const Image& dev, const ImageProfile& d,
                        const Image& prod) {
  if (dev.file != prod.file) return false;
  std::vector<size_t> feeding = rules::stages_feeding(ctx.dockerfiles()[prod.file], prod.stage);
  return std::find(feeding.begin(), feeding.end(), d.root_stage) != feeding.end();
}

}  // namespace

void check_dd505(ProjectCheckContext& ctx) {
  for (const auto& [dev, prod] : twins(ctx)) {
    ImageProfile d = rules::profile_image(ctx.dockerfiles()[dev.file], dev.stage);
    if (prod_builds_on_dev(ctx, dev, d, prod)) continue;
    ImageProfile p = rules::profile_image(ctx.dockerfiles()[prod.file], prod.stage);
    compare_bases(ctx, dev, d, prod, p);
    compare_lockfiles(ctx, dev, d, prod, p, "development", "production");
    compare_lockfiles(ctx, prod, p, dev, d, "production", "development");
    compare_installers(ctx, dev, d, prod, p);
  }
}

}  // namespace dd
