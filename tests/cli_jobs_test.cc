// `--jobs N`: files are linted on N threads, and what docker-doctor prints
// (and its exit status) must not depend on N. The runs compare the whole
// output of one invocation, so an order that depends on which thread
// finished first, or a result lost to a race, shows up as a difference.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/parallel.h"

#include "test_files.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = DD_SOURCE_DIR;
const fs::path kCorpus = kSource / ".." / "shared" / "corpus";

struct Result {
  int status = -1;
  std::string out, err;
};

using dd::testing::slurp;

// Runs the binary in `cwd` with stdout and stderr sent to files (no pipe to
// fill up on a large report).
Result run(const std::vector<std::string>& args, const fs::path& cwd) {
  fs::path dir = fs::temp_directory_path() / ("dd_jobs_" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path out = dir / "out", err = dir / "err";
  pid_t pid = fork();
  if (pid == 0) {
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (o < 0 || e < 0 || chdir(cwd.c_str()) != 0) _exit(126);
    dup2(o, 1);
    dup2(e, 2);
    unsetenv("DOCKER_DOCTOR_CONFIG");
    std::vector<char*> argv{const_cast<char*>(DD_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(DD_BINARY, argv.data());
    _exit(127);
  }
  Result r;
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  fs::remove_all(dir);
  return r;
}

// Lints `paths` with --jobs 1, 2 and 8 in each format (they order and group
// files differently) and expects identical bytes. Returns the --jobs 1 JSON.
std::string expect_same_for_any_jobs(const std::vector<std::string>& paths, const fs::path& cwd,
                                     const std::vector<std::string>& formats = {"json", "text",
                                                                                "sarif"}) {
  std::string json;
  for (const std::string& format_name : formats) {
    const char* format = format_name.c_str();
    std::vector<std::string> base = {"--format", format, "--fail-on", "none", "--color", "never"};
    base.insert(base.end(), paths.begin(), paths.end());
    std::vector<std::string> one = base;
    one.insert(one.end(), {"--jobs", "1"});
    Result serial = run(one, cwd);
    EXPECT_EQ(serial.status, 0) << format << ": " << serial.err;
    if (std::string(format) == "json") json = serial.out;
    for (const char* jobs : {"2", "8"}) {
      std::vector<std::string> many = base;
      many.insert(many.end(), {"--jobs", jobs});
      Result parallel = run(many, cwd);
      EXPECT_EQ(parallel.status, serial.status) << format << " --jobs " << jobs;
      // Compared whole: a first differing line is easy to find with a diff.
      EXPECT_TRUE(parallel.out == serial.out)
          << format << " --jobs " << jobs << " printed a different report";
      EXPECT_EQ(parallel.err, serial.err) << format << " --jobs " << jobs;
    }
  }
  return json;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST(ParallelFor, CallsEveryIndexOnceForAnyNumberOfJobs) {
  for (unsigned jobs : {0u, 1u, 2u, 3u, 8u, 64u}) {
    std::vector<std::atomic<int>> calls(1000);
    dd::parallel_for(calls.size(), jobs, [&](size_t i) { ++calls[i]; });
    for (size_t i = 0; i < calls.size(); ++i)
      ASSERT_EQ(calls[i].load(), 1) << "jobs " << jobs << " index " << i;
  }
  int none = 0;
  dd::parallel_for(0, 4, [&](size_t) { ++none; });
  EXPECT_EQ(none, 0);
}

TEST(ParallelFor, OneJobRunsInOrderOnTheCallingThread) {
  std::vector<size_t> order;
  dd::parallel_for(5, 1, [&](size_t i) { order.push_back(i); });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3, 4}));
}

TEST(ParallelFor, RethrowsTheFirstExceptionAfterEveryThreadStopped) {
  std::atomic<int> running{0};
  EXPECT_THROW(dd::parallel_for(10000, 4,
                                [&](size_t i) {
                                  ++running;
                                  if (i == 10) throw std::runtime_error("index 10");
                                  --running;
                                }),
               std::runtime_error);
  // The throwing call never decremented; every other call had finished.
  EXPECT_EQ(running.load(), 1);
}

TEST(CliJobs, FixturesAndSeedsReportTheSameWhateverTheJobs) {
  std::string json = expect_same_for_any_jobs({"fixtures"}, kSource);
  // A comparison of two empty reports would prove nothing.
  EXPECT_GT(count(json, "\"rule\":"), 100u) << "the fixtures produced too few findings to compare";
}

TEST(CliJobs, CorpusSampleReportsTheSameWhateverTheJobs) {
  std::error_code ec;
  if (!fs::is_directory(kCorpus, ec))
    GTEST_SKIP() << "the shared corpus (" << kCorpus.string()
                 << ") is absent: --jobs is compared on the fixtures only";
  // Every other repository of the corpus: Dockerfiles and compose projects
  // of many shapes, in a few seconds.
  std::vector<std::string> sample;
  std::vector<std::string> repos;
  for (const fs::directory_entry& e : fs::directory_iterator(kCorpus))
    if (e.is_directory()) repos.push_back(e.path().filename().string());
  std::sort(repos.begin(), repos.end());
  for (size_t i = 0; i < repos.size(); i += 2) sample.push_back(repos[i]);
  ASSERT_GT(sample.size(), 5u) << "the corpus looks truncated";
  std::string json = expect_same_for_any_jobs(sample, kCorpus, {"json", "text"});
  EXPECT_GT(count(json, "\"rule\":"), 100u)
      << "the corpus sample produced too few findings to compare";
}

TEST(CliJobs, ZeroJobsIsAUsageError) {
  Result r = run({"--jobs", "0", "fixtures/seeds"}, kSource);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--jobs"), std::string::npos) << r.err;
}
