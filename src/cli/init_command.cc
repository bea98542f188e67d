// `docker-doctor init [DIR]`: write a commented starter configuration.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <memory>

#include "cli/commands.h"
#include "config/config.h"
#include "config/starter.h"

namespace dd::cli {

namespace fs = std::filesystem;

CommandRun define_init(CLI::App& app) {
  auto dir = std::make_shared<std::string>(".");
  app.add_option("dir", *dir,
                 "Directory to write .docker-doctor.yaml in (default: the current one)")
      ->type_name("DIR");
  return [dir] {
    fs::path path = fs::path(*dir) / config::kConfigFileName;
    std::error_code ec;
    if (fs::exists(fs::symlink_status(path, ec))) {
      // An existing configuration holds decisions; never overwrite them.
      print_error("'" + path.generic_string() + "' already exists; not overwriting it");
      return kExitUsage;
    }
    std::ofstream out(path, std::ios::binary);
    out << config::starter_config();
    if (!out.flush()) {
      print_error("cannot write '" + path.generic_string() + "'");
      return kExitUsage;
    }
    std::printf("wrote %s\n", path.generic_string().c_str());
    return kExitClean;
  };
}

}  // namespace dd::cli
