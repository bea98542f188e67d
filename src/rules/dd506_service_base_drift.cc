// DD506 service-base-drift (rules/DD506.md): production images built from one
// shared build context that start from the same base image at different tags.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "rules/image_profile.h"
#include "rules/image_role.h"
#include "rules/project_check.h"

namespace dd {

namespace {

struct Member {
  size_t file;
  rules::ImageProfile profile;
};

// "services/a/Dockerfile:1, services/b/Dockerfile:1" (at most three, then "...").
std::string list_places(const ProjectCheckContext& ctx, const std::vector<const Member*>& members) {
  std::string out;
  for (size_t i = 0; i < members.size() && i < 3; ++i)
    out += (i ? ", " : "") + ctx.dockerfiles()[members[i]->file].file->path + ":" +
           std::to_string(members[i]->profile.base_line);
  if (members.size() > 3) out += ", ...";
  return out;
}

}  // namespace

void check_dd506(ProjectCheckContext& ctx) {
  // Services of one repository are the production images built from one
  // context directory; images that merely sit in the same tree (a matrix of
  // official images, unrelated tools) each have their own context.
  // Several production Dockerfiles in one directory are variants of one
  // image (Dockerfile.bookworm beside Dockerfile, a folder of tool
  // *.Dockerfile files), not services: their tags differ on purpose.
  std::map<std::string, int> per_dir;
  auto dir_of = [](const std::string& path) {
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
  };
  auto candidate = [](const ProjectDockerfileView& view) {
    return view.file && view.file->context && !rules::is_dev_file_path(view.file->path);
  };
  for (const ProjectDockerfileView& view : ctx.dockerfiles())
    if (candidate(view)) ++per_dir[dir_of(view.file->path)];
  std::map<const BuildContextInfo*, std::vector<Member>> by_context;
  for (size_t i = 0; i < ctx.dockerfiles().size(); ++i) {
    const ProjectDockerfileView& view = ctx.dockerfiles()[i];
    if (!candidate(view) || per_dir[dir_of(view.file->path)] > 1) continue;
    std::vector<size_t> prod = rules::production_stages(*view.dockerfile, view.file);
    if (prod.empty()) continue;
    rules::ImageProfile profile = rules::profile_image(view, prod.back());
    if (profile.base && !profile.base->tag.empty())
      by_context[view.file->context].push_back({i, std::move(profile)});
  }
  for (const auto& [context, members] : by_context) {
    std::map<std::string, std::map<std::string, std::vector<const Member*>>> tags_by_repo;
    for (const Member& m : members)
      tags_by_repo[m.profile.base->repository][m.profile.base->tag].push_back(&m);
    for (const auto& [repo, tags] : tags_by_repo) {
      if (tags.size() < 2) continue;
      // The tag most services use is the template; on a tie, the one the
      // first file (in path order) uses.
      const std::string* common = nullptr;
      size_t best = 0, best_first = SIZE_MAX;
      for (const auto& [tag, users] : tags) {
        size_t first = users.front()->file;
        if (users.size() > best || (users.size() == best && first < best_first)) {
          common = &tag;
          best = users.size();
          best_first = first;
        }
      }
      const std::vector<const Member*>& template_users = tags.at(*common);
      for (const auto& [tag, users] : tags) {
        if (&tag == common) continue;
        for (const Member* m : users) {
          bool one = template_users.size() == 1;
          std::string count =
              one ? "another image" : std::to_string(template_users.size()) + " other images";
          ctx.report(m->file, m->profile.base_span,
                     "this image starts from " + repo + ":" + tag + ", while " + count +
                         " built from the same context (" + context->dir + ") start" +
                         (one ? "s" : "") + " from " + repo + ":" + *common + " (" +
                         list_places(ctx, template_users) +
                         "): services of one repository that drift apart in base image get "
                         "different system "
                         "libraries and language versions, and share no cached layers; use " +
                         repo + ":" + *common +
                         " here too, or move every service to the new tag together");
        }
      }
    }
  }
}

}  // namespace dd
