// The starter configuration `docker-doctor init` writes. Kept in the config
// layer so that a test can load it with the same loader users get.
#pragma once

#include <string_view>

namespace dd::config {

std::string_view starter_config();

}  // namespace dd::config
