// Merging one compose document over another, as `docker compose` merges
// override files and `extends` (compose-go's override package).
#pragma once

#include <string>
#include <vector>

#include "compose/node.h"

namespace dd::compose {

// `over` merged onto `base`. `path` names where the two sit in the document,
// with service names written as `*` ("services.*"; "" for the root): some
// paths merge specially (`command` is replaced, `ports` merge by port, ...).
// Tags `!reset` and `!override` in `over` are honoured and do not survive.
Node merge_nodes(const Node& base, const Node& over, const std::string& path);

// Removes `!reset`/`!override` tags (a file read on its own: they only mean
// something relative to a base).
void strip_merge_tags(Node& n);

// The identity two sequence entries share when one replaces the other
// (a port's address, a volume's target, a secret's target, or the scalar
// itself); "" when entries at `path` are never de-duplicated.
std::string merge_key(const std::string& path, const Node& item);

}  // namespace dd::compose
