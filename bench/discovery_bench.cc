// Discovery and whole-repository lint time (bench/README.md, "Discovery").
//
// The shared corpus holds only the Docker files of each repository, so a
// walk over it says little about a real checkout. This program builds the
// biggest realistic tree it can from it: every corpus repository under one
// monorepo root, and beside each directory holding a Dockerfile or compose
// file what a checkout has there (sources, tests, manifests, and in some of
// them node_modules, __pycache__, a virtual environment, build output and a
// gitignored generated Dockerfile), plus a .git directory with loose
// objects and a root .gitignore. Then, interleaving the runs so machine
// load hits all alike, it measures wall time for:
//   - `find ROOT -type f` (every entry visited; the baseline),
//   - `find` pruning the same directories the walk skips,
//   - discover() as the CLI calls it, with and without .gitignore,
// and prints each against the first. Last, it times the docker-doctor
// binary linting the corpus's largest repository (most files found) and the
// whole generated tree.
//
//   build/dd_discovery_bench [REPETITIONS]        (default 7)
//   DD_BENCH_CORPUS=DIR to use another corpus; DD_BENCH_KEEP=1 keeps the tree.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "cli/discover.h"

namespace fs = std::filesystem;
extern char** environ;

namespace {

void touch(const fs::path& p, const std::string& text = "") {
  std::ofstream(p, std::ios::binary) << text;
}

size_t count_entries(const fs::path& root) {
  size_t n = 0;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::end(it); ++it) ++n;
  return n;
}

// What a checkout holds beside a service's Dockerfile; `i` varies the mix.
void add_service_files(const fs::path& dir, size_t i) {
  fs::create_directories(dir / "src/lib");
  fs::create_directories(dir / "tests");
  for (int k = 0; k < 12; ++k) touch(dir / "src" / ("handler_" + std::to_string(k) + ".py"));
  for (int k = 0; k < 8; ++k) touch(dir / "src/lib" / ("util_" + std::to_string(k) + ".ts"));
  for (int k = 0; k < 5; ++k) touch(dir / "tests" / ("test_" + std::to_string(k) + ".py"));
  touch(dir / "README.md");
  touch(dir / (i % 2 ? "package.json" : "pyproject.toml"));
  if (i % 4 == 0) {
    for (int p = 0; p < 10; ++p) {
      fs::path pkg = dir / "node_modules" / ("pkg" + std::to_string(p));
      fs::create_directories(pkg / "lib");
      touch(pkg / "package.json");
      touch(pkg / "index.js");
      for (int k = 0; k < 6; ++k) touch(pkg / "lib" / ("m" + std::to_string(k) + ".js"));
    }
  } else if (i % 4 == 1) {
    fs::create_directories(dir / "__pycache__");
    for (int k = 0; k < 5; ++k) touch(dir / "__pycache__" / ("m" + std::to_string(k) + ".pyc"));
    for (int p = 0; p < 5; ++p) {
      fs::path pkg = dir / ".venv/lib/python3.12/site-packages" / ("pkg" + std::to_string(p));
      fs::create_directories(pkg);
      for (int k = 0; k < 6; ++k) touch(pkg / ("m" + std::to_string(k) + ".py"));
    }
  } else if (i % 8 == 2) {
    fs::create_directories(dir / "build");
    for (int k = 0; k < 10; ++k) touch(dir / "build" / ("out" + std::to_string(k) + ".o"));
  }
  if (i % 16 == 3) {
    fs::create_directories(dir / "generated");
    touch(dir / "generated/Dockerfile", "FROM scratch\n");
  }
}

struct Tree {
  fs::path root;
  size_t service_dirs = 0;
  size_t entries = 0;
};

Tree build_tree(const fs::path& corpus, const fs::path& root) {
  Tree t;
  t.root = root;
  fs::create_directories(root);
  fs::copy(corpus, root, fs::copy_options::recursive);
  std::set<fs::path> dirs;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file() &&
        (dd::cli::is_dockerfile_name(name) || dd::cli::is_compose_name(name)))
      dirs.insert(e.path().parent_path());
  }
  size_t i = 0;
  for (const fs::path& d : dirs) add_service_files(d, i++);
  t.service_dirs = dirs.size();
  for (int a = 0; a < 256; ++a) {
    char hex[3];
    std::snprintf(hex, sizeof hex, "%02x", a);
    fs::path objects = root / ".git/objects" / hex;
    fs::create_directories(objects);
    for (int k = 0; k < 16; ++k) touch(objects / ("obj" + std::to_string(k)));
  }
  touch(root / ".git/HEAD", "ref: refs/heads/main\n");
  touch(root / ".gitignore", "build/\ngenerated/\n*.pyc\n.env\ncoverage/\n*.log\n!important.log\n");
  t.entries = count_entries(root);
  return t;
}

// Wall seconds of running `argv` with standard output and error discarded.
double time_command(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) {
    std::fprintf(stderr, "cannot run %s\n", args[0]);
    std::exit(1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  posix_spawn_file_actions_destroy(&actions);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double time_call(const std::function<void()>& f) {
  auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// `find` pruning what discovery never enters (is_skipped_directory).
std::vector<std::string> pruned_find(const std::string& root) {
  std::vector<std::string> argv = {"find", root, "-type", "d", "("};
  const char* skipped[] = {".git",          ".hg",           ".svn",
                           ".bzr",          "node_modules",  "bower_components",
                           ".venv",         "venv",          "__pypackages__",
                           "__pycache__",   "site-packages", "vendor",
                           ".tox",          ".nox",          ".mypy_cache",
                           ".pytest_cache", ".ruff_cache",   ".cache",
                           ".gradle",       ".terraform",    ".next",
                           ".nuxt",         ".svelte-kit",   ".turbo",
                           "dist",          "target"};
  bool first = true;
  for (const char* s : skipped) {
    if (!first) argv.push_back("-o");
    argv.insert(argv.end(), {"-name", s});
    first = false;
  }
  argv.insert(argv.end(), {")", "-prune", "-o", "-type", "f", "-print"});
  return argv;
}

}  // namespace

int main(int argc, char** argv) {
  int reps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
  const char* env_corpus = std::getenv("DD_BENCH_CORPUS");
  fs::path corpus = env_corpus ? fs::path(env_corpus) : fs::path(DD_SOURCE_DIR "/../shared/corpus");
  if (!fs::is_directory(corpus)) {
    std::fprintf(stderr, "dd_discovery_bench: no corpus at %s (set DD_BENCH_CORPUS)\n",
                 corpus.c_str());
    return 1;
  }
  char tmpl[] = "/tmp/dd-discovery-bench-XXXXXX";
  fs::path work = mkdtemp(tmpl);
  std::fprintf(stderr, "building the tree under %s ...\n", work.c_str());
  Tree tree = build_tree(corpus, work / "monorepo");
  std::string root = tree.root.string();

  size_t found = 0, found_all = 0;
  auto discover_git = [&] { found = dd::cli::discover({root}, "<stdin>").inputs.size(); };
  auto discover_all = [&] {
    found_all = dd::cli::discover({root}, "<stdin>", {.gitignore = false}).inputs.size();
  };
  std::vector<std::string> find_all = {"find", root, "-type", "f"};
  std::vector<std::string> find_pruned = pruned_find(root);
  std::vector<std::string> find_empty = {"find", work.string() + "/empty"};
  fs::create_directories(work / "empty");

  // One untimed round fills the page cache for everyone.
  time_command(find_all);
  discover_git();
  std::vector<double> t_find, t_pruned, t_git, t_all, t_start;
  for (int r = 0; r < reps; ++r) {
    t_find.push_back(time_command(find_all));
    t_pruned.push_back(time_command(find_pruned));
    t_git.push_back(time_call(discover_git));
    t_all.push_back(time_call(discover_all));
    t_start.push_back(time_command(find_empty));
  }
  double base = median(t_find);
  std::printf("tree: %zu entries (%zu directories holding Docker files, from %s)\n", tree.entries,
              tree.service_dirs, corpus.c_str());
  std::printf("medians of %d interleaved runs, wall time:\n\n", reps);
  std::printf("| what | time | relative to `find -type f` |\n|---|---|---|\n");
  auto row = [&](const char* what, double t) {
    std::printf("| %s | %.1f ms | %.2f |\n", what, t * 1e3, t / base);
  };
  row("`find ROOT -type f` (baseline)", base);
  row("`find` pruning the directories discovery skips", median(t_pruned));
  std::string git_row = "`discover()`, .gitignore honoured (" + std::to_string(found) + " files)";
  std::string all_row = "`discover()`, `--no-gitignore` (" + std::to_string(found_all) + " files)";
  row(git_row.c_str(), median(t_git));
  row(all_row.c_str(), median(t_all));
  row("`find` on an empty directory (process start)", median(t_start));

  // Whole-repository lint: the corpus repository with the most files found,
  // and the generated tree.
  std::string largest;
  size_t largest_files = 0;
  for (const auto& e : fs::directory_iterator(corpus)) {
    if (!e.is_directory()) continue;
    size_t n = dd::cli::discover({e.path().string()}, "<stdin>").inputs.size();
    if (n > largest_files) {
      largest_files = n;
      largest = e.path().string();
    }
  }
  int lint_reps = std::max(1, reps / 2);
  std::vector<double> t_repo, t_tree;
  for (int r = 0; r < lint_reps; ++r) {
    t_repo.push_back(time_command({DD_BINARY, "--format", "json", "--fail-on", "none", largest}));
    t_tree.push_back(time_command({DD_BINARY, "--format", "json", "--fail-on", "none", root}));
  }
  std::printf("\nwhole-repository lint (`docker-doctor --format json`), medians of %d runs:\n\n",
              lint_reps);
  std::printf("| repository | files linted | time | files/s |\n|---|---|---|---|\n");
  std::printf("| %s (largest in the corpus) | %zu | %.2f s | %.0f |\n",
              fs::path(largest).filename().c_str(), largest_files, median(t_repo),
              static_cast<double>(largest_files) / median(t_repo));
  std::printf("| the generated monorepo | %zu | %.2f s | %.0f |\n", found, median(t_tree),
              static_cast<double>(found) / median(t_tree));

  if (!std::getenv("DD_BENCH_KEEP")) fs::remove_all(work);
  return 0;
}
