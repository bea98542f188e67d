// The docker-doctor binary end to end: it is run as a user would run it, in
// temporary directories, and its exit status, stdout and stderr are checked.
#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "docker_doctor/rule.h"
#include "json_schema_util.h"
#include "time_limits.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Result {
  int status = -1;  // exit status; -1 when killed
  std::string out, err;
  bool timed_out = false;
};

struct RunOptions {
  std::string cwd{};
  std::string input{};                         // written to stdin, then closed
  std::map<std::string, std::string> env{};    // set in the child
  std::vector<std::string> unset{};            // removed from the child's environment
  bool stdout_tty = false;                   // stdout is a pseudo-terminal
  bool unprivileged = false;                 // run as nobody when we are root
  std::string binary = DD_BINARY;            // the executable to run
  double timeout_seconds = dd::test::time_limit(20);
};

// Runs DD_BINARY with `args` and collects everything it writes. Never blocks
// past the timeout: a hang is reported, not waited out.
Result run(const std::vector<std::string>& args, const RunOptions& options = {}) {
  int in[2], out[2], err[2];
  int master = -1, slave = -1;
  EXPECT_EQ(pipe2(in, O_CLOEXEC), 0);
  EXPECT_EQ(pipe2(err, O_CLOEXEC), 0);
  if (options.stdout_tty) {
    EXPECT_EQ(openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
    out[0] = master;
    out[1] = slave;
  } else {
    EXPECT_EQ(pipe2(out, O_CLOEXEC), 0);
  }

  pid_t pid = fork();
  if (pid == 0) {
    signal(SIGPIPE, SIG_DFL);  // the parent ignores it (below); the binary must not inherit that
    dup2(in[0], 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(126);
    // A deterministic environment: the caller's colour settings must not leak in.
    unsetenv("NO_COLOR");
    setenv("TERM", "xterm", 1);
    for (const std::string& name : options.unset) unsetenv(name.c_str());
    for (const auto& [name, value] : options.env) setenv(name.c_str(), value.c_str(), 1);
    if (options.unprivileged && geteuid() == 0) {
      if (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0) _exit(125);
    }
    std::vector<char*> argv;
    std::string binary = options.binary;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  close(err[1]);
  // A child that exits before reading its input (a usage error) closes the
  // pipe: writing to it must fail with EPIPE, not kill the test.
  signal(SIGPIPE, SIG_IGN);

  Result r;
  size_t written = 0;
  int fds[3] = {in[1], out[0], err[0]};
  if (options.input.empty()) {
    close(in[1]);
    fds[0] = -1;
  } else {
    fcntl(in[1], F_SETFL, O_NONBLOCK);
  }
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<int>(options.timeout_seconds * 1000));
  while (fds[1] >= 0 || fds[2] >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      r.timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    pollfd p[3] = {{fds[0], POLLOUT, 0}, {fds[1], POLLIN, 0}, {fds[2], POLLIN, 0}};
    if (poll(p, 3, static_cast<int>(left)) < 0) continue;
    if (fds[0] >= 0 && (p[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = write(fds[0], options.input.data() + written, options.input.size() - written);
      if (n > 0) written += static_cast<size_t>(n);
      if (n < 0 || written == options.input.size()) {
        close(fds[0]);
        fds[0] = -1;
      }
    }
    for (int i = 1; i <= 2; ++i) {
      if (fds[i] < 0 || !(p[i].revents & (POLLIN | POLLERR | POLLHUP))) continue;
      char buf[65536];
      ssize_t n = read(fds[i], buf, sizeof buf);
      if (n > 0) {
        (i == 1 ? r.out : r.err).append(buf, static_cast<size_t>(n));
      } else {  // EOF, or EIO from a pty whose other end closed
        close(fds[i]);
        fds[i] = -1;
      }
    }
  }
  for (int fd : fds)
    if (fd >= 0) close(fd);
  if (slave >= 0) close(slave);
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// A temporary directory tree, removed afterwards.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/dd-cli-XXXXXX";
    root_ = mkdtemp(tmpl);
    chmod(root_.c_str(), 0755);  // readable by the unprivileged child too
  }
  ~TempDir() {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root_, ec); it != fs::end(it); it.increment(ec))
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add |
                                                              fs::perm_options::nofollow, ec);
    fs::remove_all(root_, ec);
  }
  const std::string& path() const { return root_; }
  std::string operator/(const std::string& rel) const { return root_ + "/" + rel; }

  void write(const std::string& rel, const std::string& text) const {
    fs::path p = root_ + "/" + rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
  }

 private:
  std::string root_;
};

// A file with one DD601 finding (a warning) on line 2.
const std::string kWarning = "FROM alpine:3.20\nMAINTAINER Jane Doe\n";
// A file with a DD000 parse error (an error) on line 2.
const std::string kError = "FROM alpine:3.20\nENV APP_HOME\n";

// The files named in a JSON report, in order.
std::vector<std::string> files_of(const std::string& json_text) {
  std::vector<std::string> files;
  json doc = json::parse(json_text);
  for (const json& f : doc["findings"]) {
    std::string file = f["file"];
    if (files.empty() || files.back() != file) files.push_back(file);
  }
  return files;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Cli, VersionAndHelp) {
  Result v = run({"--version"});
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out, "docker-doctor " DD_VERSION "\n");
  Result h = run({"--help"});
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("Examples:"), std::string::npos);
  EXPECT_NE(h.out.find("Exit status:"), std::string::npos);
  EXPECT_NE(h.out.find("--fail-on"), std::string::npos);
  EXPECT_NE(h.out.find("dump-ast"), std::string::npos);
}

TEST(Cli, UsageErrorsExit2) {
  for (std::vector<std::string> args : {std::vector<std::string>{"--format", "xml"},
                                        {"--color", "sometimes"},
                                        {"--fail-on", "fatal"},
                                        {"--no-such-option"},
                                        {"explain"},
                                        {"-", "-"},
                                        {"--stdin-filename", "x", "Dockerfile"}}) {
    Result r = run(args, {.input = kWarning});
    EXPECT_EQ(r.status, 2) << args[0];
    EXPECT_NE(r.err.find("docker-doctor: error:"), std::string::npos) << r.err;
  }
}

TEST(Cli, ExitCodesFollowFailOn) {
  TempDir t;
  t.write("warn/Dockerfile", kWarning);
  t.write("err/Dockerfile", kError);
  t.write("empty/README.md", "no Dockerfile here\n");

  EXPECT_EQ(run({t / "warn"}).status, 1);  // default threshold: warning
  EXPECT_EQ(run({"--fail-on", "error", t / "warn"}).status, 0);
  EXPECT_EQ(run({"--fail-on", "style", t / "warn"}).status, 1);
  EXPECT_EQ(run({"--fail-on", "error", t / "err"}).status, 1);
  EXPECT_EQ(run({"--fail-on", "none", t / "err"}).status, 0);

  Result empty = run({t / "empty"});
  EXPECT_EQ(empty.status, 0);
  EXPECT_EQ(empty.out, "No findings in 0 files\n");
}

TEST(Cli, NoPathMeansTheCurrentDirectory) {
  TempDir t;
  t.write("sub/Dockerfile", kWarning);
  Result r = run({"--format", "json"}, {.cwd = t.path()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(files_of(r.out), std::vector<std::string>{"sub/Dockerfile"});
}

TEST(Cli, TextOutput) {
  TempDir t;
  t.write("Dockerfile", kWarning);
  Result r = run({t.path()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  // A header per file, then each finding with its location and code frame.
  EXPECT_EQ(r.out.rfind("Dockerfile (1 finding)\nDockerfile:2:1: warning DD601 ", 0), 0u)
      << r.out;
  EXPECT_NE(r.out.find("\n 2 | MAINTAINER Jane Doe\n   | ^~~~~~~~~~\n"), std::string::npos)
      << r.out;
  // The summary, and where to read more.
  EXPECT_NE(r.out.find("\n\n1 finding (1 warning) in 1 file\n"
                       "Run 'docker-doctor explain DD601' for details.\n"),
            std::string::npos)
      << r.out;
}

TEST(Cli, JsonOutputMatchesTheSchema) {
  TempDir t;
  t.write("Dockerfile", kWarning);
  t.write("svc/Dockerfile", kError);
  Result r = run({"--format", "json", t.path()});
  EXPECT_EQ(r.status, 1);
  json doc = json::parse(r.out);
  EXPECT_EQ(doc["tool"], "docker-doctor");
  EXPECT_EQ(doc["version"], DD_VERSION);
  ASSERT_GE(doc["findings"].size(), 2u);
  EXPECT_EQ(files_of(r.out), (std::vector<std::string>{"Dockerfile", "svc/Dockerfile"}));
  const json& first = doc["findings"][0];
  EXPECT_EQ(first["rule"], "DD601");
  EXPECT_EQ(first["severity"], "warning");
  EXPECT_EQ(first["line"], 2);
  EXPECT_EQ(first["column"], 1);
  EXPECT_EQ(first["end_line"], 2);
  EXPECT_EQ(first["end_column"], 11);
  ASSERT_TRUE(first.contains("fix"));  // DD601 is fixable
  EXPECT_FALSE(first["fix"]["edits"].empty());

  EXPECT_EQ(dd::testing::schema_errors(dd::testing::published_schema("findings.schema.json"), doc),
            "");
}

TEST(Cli, Stdin) {
  Result r = run({"-"}, {.input = kWarning});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out.rfind("<stdin> (1 finding)\n<stdin>:2:1: warning DD601", 0), 0u) << r.out;

  r = run({"--stdin-filename", "services/api/Dockerfile", "-"}, {.input = kWarning});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("\nservices/api/Dockerfile:2:1: warning DD601"), std::string::npos) << r.out;

  // --stdin-filename alone reads standard input.
  r = run({"--format", "json", "--stdin-filename", "Dockerfile.dev"}, {.input = kError});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(files_of(r.out), std::vector<std::string>{"Dockerfile.dev"});

  // Standard input and files together.
  TempDir t;
  t.write("Dockerfile", kWarning);
  r = run({"--format", "json", "-", t / "Dockerfile"}, {.input = kError});
  // Sorted by name like everything else ('/' sorts before '<').
  EXPECT_EQ(files_of(r.out), (std::vector<std::string>{t / "Dockerfile", "<stdin>"}));
}

// Whether this machine can give the child a pseudo-terminal (a container
// without /dev/pts cannot).
bool have_pty() {
  int master, slave;
  if (openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) return false;
  close(master);
  close(slave);
  return true;
}

TEST(Cli, NoColourUnlessATerminalOrAsked) {
  TempDir t;
  t.write("Dockerfile", kWarning);
  EXPECT_EQ(run({t.path()}).out.find('\x1b'), std::string::npos);  // a pipe
  EXPECT_NE(run({"--color", "always", t.path()}).out.find("\x1b["), std::string::npos);
  // --color=always wins over NO_COLOR: the user asked for it explicitly.
  EXPECT_NE(run({"--color=always", t.path()}, {.env = {{"NO_COLOR", "1"}}}).out.find("\x1b["),
            std::string::npos);

  // JSON is never coloured.
  Result j = run({"--format", "json", "--color", "always", t.path()});
  EXPECT_EQ(j.out.find('\x1b'), std::string::npos);

  if (!have_pty()) GTEST_SKIP() << "no pseudo-terminal available: --color auto on a terminal untested";
  Result tty = run({t.path()}, {.stdout_tty = true});
  EXPECT_EQ(tty.status, 1);
  EXPECT_NE(tty.out.find("\x1b[1;33mwarning"), std::string::npos) << tty.out;
  EXPECT_EQ(run({t.path()}, {.env = {{"NO_COLOR", "1"}}, .stdout_tty = true}).out.find('\x1b'),
            std::string::npos);
  EXPECT_EQ(run({t.path()}, {.env = {{"TERM", "dumb"}}, .stdout_tty = true}).out.find('\x1b'),
            std::string::npos);
  EXPECT_EQ(run({"--color", "never", t.path()}, {.stdout_tty = true}).out.find('\x1b'),
            std::string::npos);
  // An empty NO_COLOR does not count (no-color.org).
  EXPECT_NE(run({t.path()}, {.env = {{"NO_COLOR", ""}}, .stdout_tty = true}).out.find('\x1b'),
            std::string::npos);
}

TEST(Cli, WalksDirectoriesForDockerfileNamesAndSkipsDependencyTrees) {
  TempDir t;
  for (const char* rel : {"Dockerfile", "Containerfile", "Containerfile.ci", "svc/Dockerfile.dev",
                          "svc/app.Dockerfile", "svc/worker.dockerfile", "a/b/c/Dockerfile",
                          // skipped trees
                          ".git/Dockerfile", "node_modules/pkg/Dockerfile", ".venv/Dockerfile",
                          "venv/lib/Dockerfile", "__pypackages__/3.11/Dockerfile",
                          "vendor/x/Dockerfile", "svc/node_modules/Dockerfile", "dist/Dockerfile",
                          "target/Dockerfile", "__pycache__/Dockerfile"})
    t.write(rel, kWarning);
  // Not Dockerfiles.
  t.write("Dockerfile.dockerignore", "node_modules\n");
  t.write("svc/app.Dockerfile.dockerignore", "*\n");
  t.write("README.md", kWarning);
  t.write("dockerfile-notes.txt", kWarning);
  t.write("Dockerfiles/README", kWarning);

  Result r = run({"--format", "json", t.path()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(files_of(r.out),
            (std::vector<std::string>{"Containerfile", "Containerfile.ci", "Dockerfile",
                                      "a/b/c/Dockerfile", "svc/Dockerfile.dev", "svc/app.Dockerfile",
                                      "svc/worker.dockerfile"}));
  Result text = run({t.path()});
  EXPECT_NE(text.out.find("in 7 files\n"), std::string::npos) << text.out;

  // A skipped directory named on the command line is linted all the same.
  r = run({"--format", "json", t / "node_modules"});
  EXPECT_EQ(files_of(r.out), std::vector<std::string>{"pkg/Dockerfile"});
}

TEST(Cli, PathsAreShownRelativeToTheirRoot) {
  TempDir t;
  t.write("one/svc/Dockerfile", kWarning);
  t.write("two/Dockerfile", kWarning);
  // A directory argument: relative to it.
  EXPECT_EQ(files_of(run({"--format", "json", t / "one"}).out),
            std::vector<std::string>{"svc/Dockerfile"});
  // A file argument: the path as given.
  EXPECT_EQ(files_of(run({"--format", "json", "one/svc/Dockerfile"}, {.cwd = t.path()}).out),
            std::vector<std::string>{"one/svc/Dockerfile"});
  // Several directories: each file keeps its root in front, so names stay unique.
  EXPECT_EQ(files_of(run({"--format", "json", "two/", "one"}, {.cwd = t.path()}).out),
            (std::vector<std::string>{"one/svc/Dockerfile", "two/Dockerfile"}));
  // The same file twice is linted once.
  Result r = run({"--format", "json", "two", "two/Dockerfile"}, {.cwd = t.path()});
  EXPECT_EQ(json::parse(r.out)["findings"].size(),
            json::parse(run({"--format", "json", "two"}, {.cwd = t.path()}).out)["findings"].size());
}

TEST(Cli, SymlinksNeverLeadOutOfTheRoot) {
  TempDir t;
  t.write("outside/Dockerfile", kError);
  t.write("root/real/Dockerfile", kWarning);
  t.write("root/real/base.txt", kWarning);
  ASSERT_EQ(symlink("../outside/Dockerfile", (t / "root/Dockerfile.out").c_str()), 0);
  ASSERT_EQ(symlink("../outside", (t / "root/linked-dir").c_str()), 0);
  ASSERT_EQ(symlink("real", (t / "root/inner-dir").c_str()), 0);  // a directory link: not walked
  ASSERT_EQ(symlink("real/base.txt", (t / "root/Dockerfile.in").c_str()), 0);
  // A link to a file the walk finds anyway: linted once, under its own name.
  ASSERT_EQ(symlink("real/Dockerfile", (t / "root/Containerfile").c_str()), 0);
  ASSERT_EQ(symlink("nowhere", (t / "root/Dockerfile.broken").c_str()), 0);

  Result r = run({"--format", "json", t / "root"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(files_of(r.out), (std::vector<std::string>{"Dockerfile.in", "real/Dockerfile"}));
  EXPECT_NE(r.err.find("Dockerfile.out': symbolic link leads outside"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Dockerfile.broken': broken symbolic link"), std::string::npos) << r.err;
  json doc = json::parse(r.out);
  for (const json& f : doc["findings"]) EXPECT_NE(f["rule"], "DD000");
}

TEST(Cli, FifoNamedDockerfileDoesNotBlock) {
  TempDir t;
  ASSERT_EQ(mkfifo((t / "Dockerfile").c_str(), 0644), 0);
  t.write("svc/Dockerfile", kWarning);
  auto start = std::chrono::steady_clock::now();
  Result r = run({"--format", "json", t.path()}, {.timeout_seconds = dd::test::time_limit(5)});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(r.timed_out) << "docker-doctor blocked on a FIFO";
  EXPECT_LT(seconds, dd::test::time_limit(5.0));
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(files_of(r.out), std::vector<std::string>{"svc/Dockerfile"});
  EXPECT_NE(r.err.find("note: skipping '" + (t / "Dockerfile") + "': not a regular file"),
            std::string::npos)
      << r.err;
}

TEST(Cli, DirectoryNamedDockerfileIsWalked) {
  TempDir t;
  t.write("Dockerfile/Dockerfile", kWarning);
  t.write("Dockerfile/notes.txt", "x\n");
  Result r = run({"--format", "json", t.path()});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(files_of(r.out), std::vector<std::string>{"Dockerfile/Dockerfile"});
}

TEST(Cli, UnreadableFileIsReportedAndTheOthersAreStillLinted) {
  TempDir t;
  t.write("a/Dockerfile", kError);
  t.write("b/Dockerfile", kWarning);
  ASSERT_EQ(chmod((t / "a/Dockerfile").c_str(), 0), 0);
  // Root reads any file, so the binary runs as nobody for the permission to
  // bite; a copy in the temporary directory, as the build tree may be private.
  fs::copy_file(DD_BINARY, t / "docker-doctor");
  ASSERT_EQ(chmod((t / "docker-doctor").c_str(), 0755), 0);
  Result r = run({"--format", "json", t.path()}, {.unprivileged = true, .binary = t / "docker-doctor"});
  if (r.status == 125) GTEST_SKIP() << "cannot switch to user nobody here: permission errors untested";
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error: cannot read '" + (t / "a/Dockerfile") + "': Permission denied"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(files_of(r.out), std::vector<std::string>{"b/Dockerfile"});

  // A private directory inside the tree is skipped with a note, not an error:
  // it says nothing about the Dockerfiles the user asked about.
  ASSERT_EQ(chmod((t / "a/Dockerfile").c_str(), 0644), 0);
  t.write("data/db/Dockerfile", kError);
  ASSERT_EQ(chmod((t / "data").c_str(), 0700), 0);
  r = run({"--format", "json", t.path()}, {.unprivileged = true, .binary = t / "docker-doctor"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.err.find("note: skipping directory '" + (t / "data") + "': Permission denied"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(files_of(r.out), (std::vector<std::string>{"a/Dockerfile", "b/Dockerfile"}));
  // The directory named on the command line must be readable, though.
  r = run({t / "data"}, {.unprivileged = true, .binary = t / "docker-doctor"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("error: cannot read directory '" + (t / "data") + "': Permission denied"),
            std::string::npos)
      << r.err;
}

TEST(Cli, BuildContextNotesGoToStderrAndNeverFailTheRun) {
  TempDir t;
  // The root Dockerfile copies app.py from the root: its context is the
  // root, whose walk meets a private database volume.
  t.write("Dockerfile", "FROM alpine:3.20\nCOPY app.py /app/\n");
  t.write("app.py", "print()\n");
  t.write("pgdata/base/1", "x");
  ASSERT_EQ(chmod((t / "pgdata").c_str(), 0700), 0);
  fs::copy_file(DD_BINARY, t / "docker-doctor");
  ASSERT_EQ(chmod((t / "docker-doctor").c_str(), 0755), 0);
  Result r = run({t.path()}, {.unprivileged = true, .binary = t / "docker-doctor"});
  if (r.status == 125) GTEST_SKIP() << "cannot switch to user nobody here: permission errors untested";
  EXPECT_NE(r.err.find("note: build context '.': skipping directory '" + (t / "pgdata") +
                       "': Permission denied (its files are not listed)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
  EXPECT_NE(r.status, 2);
  // Named as a file, the Dockerfile's directory is its context too.
  r = run({t / "Dockerfile"}, {.unprivileged = true, .binary = t / "docker-doctor"});
  EXPECT_NE(r.err.find("note: build context '" + t.path() + "': skipping directory"), std::string::npos)
      << r.err;
  // Standard input has no context: nothing is walked.
  r = run({"-"}, {.cwd = t.path(), .input = "FROM alpine:3.20\nCOPY app.py /app/\n",
                  .unprivileged = true, .binary = t / "docker-doctor"});
  EXPECT_EQ(r.err, "");
}

TEST(Cli, MissingPathExits2AfterLintingTheRest) {
  TempDir t;
  t.write("Dockerfile", kWarning);
  Result r = run({t / "no-such-dir", t / "Dockerfile"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("cannot read '" + (t / "no-such-dir") + "': No such file or directory"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("warning DD601"), std::string::npos);
  // Exit 2 even when the files that could be read are clean.
  EXPECT_EQ(run({"--fail-on", "none", t / "missing"}).status, 2);
}

TEST(Cli, NeverWritesAFile) {
  TempDir t;
  t.write("Dockerfile", kWarning);
  t.write("svc/Dockerfile.dev", kError);
  auto snapshot = [&] {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(t.path()))
      files[e.path().string()] = e.is_regular_file() ? read_file(e.path()) : "<dir>";
    return files;
  };
  auto before = snapshot();
  run({"."}, {.cwd = t.path()});
  run({"--format", "json", "."}, {.cwd = t.path()});
  run({"dump-ast", "Dockerfile"}, {.cwd = t.path()});
  EXPECT_EQ(snapshot(), before);
}

TEST(Cli, DumpAst) {
  TempDir t;
  t.write("Dockerfile", "FROM alpine:3.20 AS base\nRUN echo hi\nCOPY --from=base /a /b\n");
  Result r = run({"dump-ast", t / "Dockerfile"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "(from \"alpine:3.20\" \"AS\" \"base\")\n"
            "(run \"echo hi\")\n"
            "(copy [\"--from=base\"] \"/a\" \"/b\")\n");
  EXPECT_EQ(r.err, "");

  // Standard input works too, and parse errors go to stderr with file:line:col.
  r = run({"dump-ast", "-"}, {.input = kError});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err.rfind("<stdin>:2:", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(": error: "), std::string::npos) << r.err;

  EXPECT_EQ(run({"dump-ast", t / "missing"}).status, 2);
  EXPECT_EQ(run({"dump-ast", t.path()}).status, 2);  // a directory
}

TEST(Cli, Explain) {
  const dd::RuleInfo* rule = dd::find_rule("DD000");
  ASSERT_NE(rule, nullptr);
  Result r = run({"explain", "DD000"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("# DD000 parse-error\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(std::string(rule->doc_body.substr(rule->doc_body.find("## ")))),
            std::string::npos);
  // By name, and whatever the case.
  EXPECT_EQ(run({"explain", "parse-error"}).out, r.out);
  EXPECT_EQ(run({"explain", "dd000"}).out, r.out);

  Result typo = run({"explain", "DD00O"});
  EXPECT_EQ(typo.status, 2);
  EXPECT_NE(typo.err.find("unknown rule 'DD00O'; did you mean DD000 (parse-error)?"),
            std::string::npos)
      << typo.err;
  Result far = run({"explain", "completely-unrelated-words"});
  EXPECT_EQ(far.status, 2);
  EXPECT_EQ(far.err.find("did you mean"), std::string::npos) << far.err;
}

TEST(Cli, Rules) {
  Result text = run({"rules"});
  EXPECT_EQ(text.status, 0);
  EXPECT_EQ(text.out.rfind("ID ", 0), 0u);
  for (const dd::RuleInfo& r : dd::all_rules()) {
    EXPECT_NE(text.out.find("\n" + std::string(r.id) + "  " + std::string(r.name) + " "),
              std::string::npos)
        << r.id;
  }
  Result j = run({"rules", "--format", "json"});
  EXPECT_EQ(j.status, 0);
  json doc = json::parse(j.out);
  ASSERT_EQ(doc["rules"].size(), dd::all_rules().size());
  for (size_t i = 0; i < dd::all_rules().size(); ++i) {
    const dd::RuleInfo& r = dd::all_rules()[i];
    const json& jr = doc["rules"][i];
    EXPECT_EQ(jr["id"], r.id);
    EXPECT_EQ(jr["name"], r.name);
    EXPECT_EQ(jr["severity"], dd::severity_name(r.severity));
    EXPECT_EQ(jr["fixable"], r.fixable);
    EXPECT_EQ(jr["summary"], r.summary);
    EXPECT_EQ(jr["enabled_by_default"], r.enabled_by_default);
  }
  // The ordering rules are matters of taste: listed, but off.
  for (const char* id : {"DD324", "DD325", "DD326"}) {
    const dd::RuleInfo* r = dd::find_rule(id);
    ASSERT_TRUE(r) << id;
    EXPECT_FALSE(r->enabled_by_default) << id;
    EXPECT_NE(text.out.find("\n" + std::string(id) + "  " + std::string(r->name)), std::string::npos);
    size_t row = text.out.find("\n" + std::string(id) + " ");
    EXPECT_NE(text.out.substr(row, text.out.find('\n', row + 1) - row).find(" style    off "),
              std::string::npos)
        << text.out.substr(row, 120);
  }
  EXPECT_TRUE(dd::find_rule("DD601")->enabled_by_default);
}

// Snapshot tests of the example repository's reports. DD_UPDATE_GOLDEN=1
// rewrites the files under tests/golden/ instead of comparing.
void check_golden(const std::string& name, const std::vector<std::string>& args,
                  std::string (*transform)(const std::string&) = nullptr) {
  Result r = run(args, {.cwd = DD_SOURCE_DIR});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.err, "");
  if (transform) r.out = transform(r.out);
  std::string path = std::string(DD_SOURCE_DIR) + "/tests/golden/" + name;
  const char* update = std::getenv("DD_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << r.out;
    return;
  }
  std::string expected = read_file(path);
  ASSERT_FALSE(expected.empty()) << path << " is missing; run with DD_UPDATE_GOLDEN=1";
  EXPECT_EQ(r.out, expected) << "the report changed: if that is intended, regenerate with\n"
                             << "  DD_UPDATE_GOLDEN=1 build/dd_tests --gtest_filter='Cli.Golden*'\n"
                             << "and review the diff of tests/golden/.";
}

TEST(Cli, GoldenExampleMonorepoText) {
  check_golden("example-monorepo.txt", {"--color", "never", "fixtures/example-monorepo"});
}

TEST(Cli, GoldenExampleMonorepoJson) {
  check_golden("example-monorepo.json", {"--format", "json", "fixtures/example-monorepo"});
}

// The SARIF snapshot keeps each rule's id and name but not its documentation,
// so that editing a rule's Markdown does not churn the snapshot; the rule
// descriptors are checked against the catalogue in report_sarif_test.cc.
std::string without_rule_docs(const std::string& sarif) {
  nlohmann::ordered_json doc = nlohmann::ordered_json::parse(sarif);
  for (auto& rule : doc["runs"][0]["tool"]["driver"]["rules"]) {
    for (const char* key : {"shortDescription", "fullDescription", "help"}) {
      EXPECT_TRUE(rule.contains(key)) << rule["id"] << " has no " << key;
      rule.erase(key);
    }
  }
  return doc.dump(2) + "\n";
}

TEST(Cli, GoldenExampleMonorepoSarif) {
  check_golden("example-monorepo.sarif", {"--format", "sarif", "fixtures/example-monorepo"},
               without_rule_docs);
}

TEST(Cli, GoldenExampleMonorepoGithub) {
  check_golden("example-monorepo.github.txt", {"--format", "github", "fixtures/example-monorepo"});
}

TEST(Cli, GoldenExampleMonorepoGnu) {
  check_golden("example-monorepo.gnu.txt", {"--format", "gnu", "fixtures/example-monorepo"});
}

TEST(Cli, GoldenExampleMonorepoCheckstyle) {
  check_golden("example-monorepo.checkstyle.xml",
               {"--format", "checkstyle", "fixtures/example-monorepo"});
}

TEST(Cli, GoldenExampleMonorepoCodeClimate) {
  check_golden("example-monorepo.codeclimate.json",
               {"--format", "codeclimate", "fixtures/example-monorepo"});
}

TEST(Cli, GitlabIsCodeClimate) {
  Result gitlab = run({"--format", "gitlab", "fixtures/example-monorepo"}, {.cwd = DD_SOURCE_DIR});
  Result codeclimate =
      run({"--format", "codeclimate", "fixtures/example-monorepo"}, {.cwd = DD_SOURCE_DIR});
  EXPECT_EQ(gitlab.status, 1);
  EXPECT_FALSE(gitlab.out.empty());
  EXPECT_EQ(gitlab.out, codeclimate.out);
}

// Every machine format is well-formed and complete when there is nothing to
// report: an empty array or document, never nothing at all.
TEST(Cli, FormatsWithoutFindings) {
  TempDir t;
  t.write("Dockerfile", "FROM alpine:3.20\nUSER app\nCMD [\"true\"]\n");
  Result json_out = run({"--format", "json", t.path()});
  ASSERT_EQ(json_out.status, 0) << json_out.out;
  EXPECT_TRUE(json::parse(json_out.out)["findings"].empty());
  Result sarif = run({"--format", "sarif", t.path()});
  EXPECT_EQ(sarif.status, 0);
  json log = json::parse(sarif.out);
  EXPECT_TRUE(log["runs"][0]["results"].empty());
  EXPECT_FALSE(log["runs"][0]["tool"]["driver"]["rules"].empty());
  EXPECT_EQ(run({"--format", "codeclimate", t.path()}).out, "[]\n");
  EXPECT_EQ(run({"--format", "github", t.path()}).out, "");
  EXPECT_EQ(run({"--format", "gnu", t.path()}).out, "");
  EXPECT_EQ(run({"--format", "checkstyle", t.path()}).out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
            "</checkstyle>\n");
  Result text = run({"--color", "never", t.path()});
  EXPECT_EQ(text.out, "No findings in 1 file\n");
}

// docs/rules/README.md is generated from rules/*.md; it must not drift.
TEST(Cli, RuleCatalogueIsUpToDate) {
  Result r = run({"rules", "--format", "markdown"});
  ASSERT_EQ(r.status, 0) << r.err;
  for (const dd::RuleInfo& rule : dd::all_rules()) {
    EXPECT_NE(r.out.find("| [" + std::string(rule.id) + "](../../rules/" + std::string(rule.id) +
                         ".md) | `" + std::string(rule.name) + "` |"),
              std::string::npos)
        << rule.id;
  }
  std::string checked_in = read_file(DD_SOURCE_DIR "/docs/rules/README.md");
  EXPECT_EQ(r.out, checked_in)
      << "docs/rules/README.md is out of date with rules/*.md; regenerate it with\n"
      << "  build/docker-doctor rules --format markdown > docs/rules/README.md";
}

}  // namespace

// `impact`: a source edit after `COPY . .` re-runs the install; with the
// manifest copied first it does not, and a manifest edit does.
TEST(Cli, ImpactNamesTheFirstRebuiltStepAndReinstalls) {
  TempDir t;
  t.write("bad/Dockerfile", "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n");
  t.write("bad/requirements.txt", "flask==3.0.0\n");
  t.write("bad/app.py", "print(1)\n");
  t.write("good/Dockerfile",
          "FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\n"
          "COPY app.py ./\n");
  t.write("good/requirements.txt", "flask==3.0.0\n");
  t.write("good/app.py", "print(1)\n");

  Result r = run({"impact", "--changed", "bad/app.py", "good/app.py"}, {.cwd = t.path()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("bad/Dockerfile (context bad):\n  stage 0 (line 1): rebuilds from line 3, COPY . .: it copies app.py\n"
                       "    re-runs a dependency install at line 4: RUN pip install -r requirements.txt\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("good/Dockerfile (context good):\n  stage 0 (line 1): rebuilds from line 5, COPY app.py ./: "
                       "it copies app.py\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("line 4: RUN pip install", r.out.find("good/Dockerfile")), std::string::npos) << r.out;

  Result manifest = run({"impact", "--format", "json", "--changed", "good/requirements.txt"}, {.cwd = t.path()});
  ASSERT_EQ(manifest.status, 0) << manifest.err;
  json doc = json::parse(manifest.out);
  ASSERT_EQ(doc["images"].size(), 1u);
  EXPECT_EQ(doc["images"][0]["dockerfile"], "good/Dockerfile");
  const json& steps = doc["images"][0]["stages"][0]["steps"];
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]["line"], 3);
  EXPECT_EQ(steps[1]["line"], 4);
  EXPECT_EQ(steps[1]["installs_dependencies"], true);

  Result outside = run({"impact", "--changed", "README.md"}, {.cwd = t.path()});
  EXPECT_EQ(outside.status, 0);
  EXPECT_NE(outside.out.find("No build step rebuilds.\n2 Dockerfiles fully cached.\n"), std::string::npos) << outside.out;

  EXPECT_EQ(run({"impact"}, {.cwd = t.path()}).status, 2);  // nothing said changed
}

TEST(Cli, ImpactSinceAGitRevision) {
  TempDir t;
  t.write("Dockerfile", "FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY src ./src\n");
  t.write("package.json", "{}\n");
  t.write("package-lock.json", "{}\n");
  t.write("src/index.js", "1\n");
  std::string git = "git -C " + t.path() + " -c user.email=t@example.com -c user.name=t ";
  if (std::system((git + "init -q && " + git + "add -A && " + git + "commit -qm init").c_str()) != 0)
    GTEST_SKIP() << "git is not available";
  t.write("src/index.js", "2\n");
  Result r = run({"impact", "--since", "HEAD"}, {.cwd = t.path()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("rebuilds from line 5, COPY src ./src: it copies src/index.js"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("re-runs"), std::string::npos) << r.out;
}

// An ignored file never reaches the builder, so editing it rebuilds nothing.
TEST(Cli, ImpactHonoursDockerignore) {
  TempDir t;
  t.write("Dockerfile", "FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n");
  t.write("requirements.txt", "flask==3.0.0\n");
  t.write("README.md", "docs\n");
  t.write("app.py", "print(1)\n");
  Result without = run({"impact", "--changed", "README.md"}, {.cwd = t.path()});
  EXPECT_NE(without.out.find("it copies README.md"), std::string::npos) << without.out;
  t.write(".dockerignore", "README.md\n");
  Result with = run({"impact", "--changed", "README.md"}, {.cwd = t.path()});
  EXPECT_EQ(with.status, 0) << with.err;
  EXPECT_NE(with.out.find("No build step rebuilds."), std::string::npos) << with.out;
  Result source = run({"impact", "--changed", "app.py"}, {.cwd = t.path()});
  EXPECT_NE(source.out.find("re-runs a dependency install at line 4"), std::string::npos) << source.out;
}
