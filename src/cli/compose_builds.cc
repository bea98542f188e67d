// Reading what a compose service's build uses from disk: the context
// directory, its .dockerignore, the Dockerfile and which of the Dockerfile's
// COPY sources the context lacks.
#include "cli/compose_builds.h"

#include <filesystem>
#include <string>

#include "cli/discover.h"
#include "core/paths.h"
#include "project/build_context.h"

namespace dd::cli {

namespace fs = std::filesystem;

namespace {

std::string dir_part(const std::string& p) {
  size_t slash = p.rfind('/');
  return slash == std::string::npos ? "" : p.substr(0, slash);
}

// A context Compose fetches rather than reads from disk.
bool remote_context(const std::string& c) {
  return c.find("://") != std::string::npos || c.rfind("git@", 0) == 0 ||
         c.rfind("github.com/", 0) == 0;
}

}  // namespace

ServiceBuilds read_service_builds(const compose::Project& project) {
  ServiceBuilds out;
  // Display directory -> directory on disk, from the files the project read.
  std::map<std::string, std::string> disk_of;
  for (const compose::SourceFile& f : project.files) {
    if (f.path == "-" || f.path.empty()) continue;
    std::string disk = dir_part(f.path);
    disk_of.emplace(dir_part(f.display), disk.empty() ? "." : disk);
  }
  for (const compose::Service& s : project.services) {
    if (!s.build) continue;
    const compose::BuildSpec& b = *s.build;
    auto base = disk_of.find(b.base_dir);
    if (base == disk_of.end()) continue;
    std::string context = b.context ? b.context->value : ".";
    if (context.empty()) context = ".";
    if (remote_context(context) || fs::path(context).is_absolute()) continue;
    std::optional<std::string> display = join_relative(b.base_dir, context);
    if (!display) continue;
    ServiceBuildFacts facts;
    facts.context_dir = *display;
    fs::path dir = fs::path(base->second) / context;
    facts.context_path = dir.lexically_normal().generic_string();
    std::error_code ec;
    facts.context_exists = fs::is_directory(dir, ec);

    std::string text;
    bool have_text = false;
    if (b.dockerfile_inline) {
      text = b.dockerfile_inline->value;
      have_text = true;
    } else {
      std::string name = b.dockerfile ? b.dockerfile->value : "Dockerfile";
      if (!name.empty() && !fs::path(name).is_absolute()) {
        facts.dockerfile = join_relative(facts.context_dir, name).value_or("");
        fs::path file = dir / name;
        facts.dockerfile_path = file.lexically_normal().generic_string();
        std::string error;
        Input in{file.string(), facts.dockerfile, true};
        have_text = facts.context_exists && read_input(in, &text, &error);
        if (fs::is_regular_file(fs::path(file.string() + ".dockerignore"), ec))
          facts.has_dockerignore = true;
      }
    }
    if (fs::is_regular_file(dir / ".dockerignore", ec)) facts.has_dockerignore = true;
    if (have_text) {
      facts.parsed = parse_dockerfile(text);
      std::vector<ContextSource> missing;
      for (const ContextSource& src : context_sources(*facts.parsed))
        if (!src.path.empty() && !source_exists(dir.string(), src)) {
          facts.missing_sources.push_back(src.path);
          missing.push_back(src);
        }
      // Climb from the context towards the compose file's directory, looking
      // for the context the Dockerfile was written for.
      fs::path root = fs::path(base->second);
      std::string rel = fs::path(context).lexically_normal().generic_string();
      int depth = 0;
      for (const auto& part : fs::path(rel)) {
        std::string p = part.generic_string();
        if (p == "..")
          depth = -1000;
        else if (!p.empty() && p != ".")
          ++depth;
      }
      for (int d = depth - 1; !missing.empty() && d >= 0 && facts.context_with_sources.empty();
           --d) {
        fs::path cand = fs::path(rel);
        for (int k = depth; k > d; --k) cand = cand.parent_path();
        fs::path cand_disk = root / cand;
        bool all = true;
        for (const ContextSource& src : missing)
          all = all && source_exists(cand_disk.string(), src);
        if (all) facts.context_with_sources = cand.empty() ? "." : cand.generic_string();
      }
    }
    out.emplace(s.name.value, std::move(facts));
  }
  return out;
}

}  // namespace dd::cli
