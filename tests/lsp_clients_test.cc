// `docker-doctor lsp` driven by real clients: the vscode-languageserver-
// protocol library in node (tests/lsp/client.js) and Neovim's built-in LSP
// client (tests/lsp/nvim_client.lua). Both are installed by scripts/deps.sh;
// a missing one fails the test with the command that installs it.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kSource = DD_SOURCE_DIR;
const fs::path kFixture = kSource / "fixtures" / "lsp";

bool on_path(const std::string& program) {
  return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

fs::path scratch_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("dd-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Runs `command` with a time limit; returns its exit status and output.
int run(const std::string& command, std::string* output, const fs::path& log) {
  int status =
      std::system(("timeout 90 " + command + " >" + quoted(log.string()) + " 2>&1").c_str());
  *output = read_file(log);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(LspClients, VscodeLanguageServerProtocol) {
  fs::path modules = kSource / "tests" / "lsp" / "node_modules" / "vscode-languageserver-protocol";
  ASSERT_TRUE(on_path("node")) << "node is missing: run scripts/deps.sh";
  ASSERT_TRUE(fs::exists(modules))
      << modules << " is missing: run scripts/deps.sh (npm ci in tests/lsp)";
  fs::path dir = scratch_dir("lsp-node");
  std::string output;
  int status = run("node " + quoted((kSource / "tests" / "lsp" / "client.js").string()) + " " +
                       quoted(DD_BINARY) + " " + quoted(kFixture.string()),
                   &output, dir / "log");
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("lsp client: ok"), std::string::npos) << output;
  fs::remove_all(dir);
}

// 0-based line and byte length of the first line of `text` starting with `prefix`.
std::pair<int, size_t> line_starting(const std::string& text, const std::string& prefix) {
  std::istringstream in(text);
  std::string line;
  for (int n = 0; std::getline(in, line); ++n)
    if (line.starts_with(prefix)) return {n, line.size()};
  ADD_FAILURE() << "no line starts with " << prefix;
  return {-1, 0};
}

TEST(LspClients, NeovimBuiltinClient) {
  ASSERT_TRUE(on_path("nvim")) << "nvim is missing: run scripts/deps.sh (Debian package neovim)";
  fs::path dir = scratch_dir("lsp-nvim");
  // A copy, so the editor's buffer and swap files never touch the source
  // tree; in a folder of its own, so Neovim's logs and state beside it are
  // not part of its build context (DD401 would rightly report the logs).
  fs::create_directories(dir / "project");
  fs::copy_file(kFixture / "Dockerfile", dir / "project" / "Dockerfile");
  fs::path out = dir / "diagnostics.txt";
  std::string env = "HOME=" + quoted(dir.string()) +
                    " XDG_CONFIG_HOME=" + quoted((dir / "config").string()) +
                    " XDG_DATA_HOME=" + quoted((dir / "data").string()) +
                    " XDG_STATE_HOME=" + quoted((dir / "state").string()) +
                    " XDG_CACHE_HOME=" + quoted((dir / "cache").string()) +
                    " DD_LSP_BINARY=" + quoted(DD_BINARY) +
                    " DD_LSP_FILE=" + quoted((dir / "project" / "Dockerfile").string()) +
                    " DD_LSP_OUT=" + quoted(out.string());
  std::string output;
  int status =
      run("env " + env + " nvim --headless --clean -n -u NONE -c " +
              quoted("luafile " + (kSource / "tests" / "lsp" / "nvim_client.lua").string()),
          &output, dir / "log");
  EXPECT_EQ(status, 0) << output;
  ASSERT_TRUE(fs::exists(out)) << "Neovim wrote no result\n" << output;

  // Neovim reports 0-based byte columns, converted from the server's UTF-16
  // ones: the WORKDIR path holds a character outside the BMP, so a wrong
  // unit would land on another column.
  std::string text = read_file(kFixture / "Dockerfile");
  int maintainer = line_starting(text, "MAINTAINER").first;  // the finding is the keyword
  auto [workdir, workdir_len] = line_starting(text, "WORKDIR");
  std::string expected = "open\n";
  expected += "DD601 " + std::to_string(maintainer) + ":0-" + std::to_string(maintainer) + ":10\n";
  expected += "DD605 " + std::to_string(workdir) + ":8-" + std::to_string(workdir) + ":" +
              std::to_string(workdir_len) + "\n";
  expected += "edited\n";
  expected += "DD605 " + std::to_string(workdir - 2) + ":8-" + std::to_string(workdir - 2) + ":" +
              std::to_string(workdir_len) + "\n";
  expected += "done\n";
  EXPECT_EQ(read_file(out), expected) << output;
  fs::remove_all(dir);
}

}  // namespace
