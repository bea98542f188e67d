// Where a run's settings come from, in increasing precedence: the built-in
// default < the configuration file < the environment (DOCKER_DOCTOR_*) <
// the command line (docs/configuration.md). Each resolved value remembers
// its source, so that a bad value is reported where it was written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace dd::config {

struct Setting {
  std::string value;
  std::string
      source;  // "default", "--fail-on", "DOCKER_DOCTOR_FAIL_ON", ".docker-doctor.yaml:3:10"
};

// `getenv` is a parameter so that tests need not touch the process's environment.
using Getenv = const char* (*)(const char*);

// The value of one setting: `flag` when the command line gave it, else the
// environment variable `env` when set and not empty, else the
// configuration's value, else `fallback`.
Setting resolve(const std::optional<std::string>& flag, std::string_view flag_name,
                std::string_view env, const std::optional<Located<std::string>>& from_config,
                const std::string& config_path, std::string fallback, Getenv getenv);

// Empty when `s.value` is one of `allowed`; otherwise the error message,
// naming where the value came from, with a did-you-mean.
std::string check_one_of(const Setting& s, const std::vector<std::string_view>& allowed);

// A boolean environment variable: "1", "true", "yes", "on" (any case) are
// true, "0", "false", "no", "off" and empty are false; anything else is an
// error, reported in *error.
bool env_flag(std::string_view env, Getenv getenv, std::string* error);

}  // namespace dd::config
