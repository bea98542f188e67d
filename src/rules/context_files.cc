// The build context's file list when it fits the Dockerfile (context_files.h).
#include "rules/context_files.h"

#include <algorithm>

namespace dd::rules {

namespace {

bool listed(const std::vector<std::string>& files, const std::string& path) {
  if (std::binary_search(files.begin(), files.end(), path)) return true;
  std::string prefix = path + "/";
  auto it = std::lower_bound(files.begin(), files.end(), prefix);
  return it != files.end() && it->starts_with(prefix);
}

}  // namespace

const std::vector<std::string>* consistent_context_files(CheckContext& ctx) {
  const std::vector<std::string>* files = ctx.context_files();
  if (!files) return nullptr;
  for (const CopyOp& op : ctx.image_files().ops) {
    if (!op.from_context() || op.heredoc) continue;
    for (const CopySource& s : op.sources)
      if (s.known && !s.remote && !s.glob && !s.path.empty() && !listed(*files, s.path)) return nullptr;
  }
  return files;
}

}  // namespace dd::rules
