// Shell words out of syntax nodes: quote removal with a file position for
// every byte of the result. Private to src/shell/.
#pragma once

#include <cstdint>
#include <string_view>

#include "shell/shell.h"
#include "shell/source_map.h"
#include "shell/syntax.h"

namespace dd::shell {

// A script being analysed: its text, where its bytes came from, its tree.
struct ScriptView {
  std::string_view text;
  const SourceMap& map;
  const SyntaxTree& tree;
};

// The word a node stands for (word, string, raw_string, concatenation,
// command_name, expansion ...). With `value_map`, also the map of the value
// as a script of its own, escapes included (for sh -c '...').
ShellWord make_word(const ScriptView& s, uint32_t node, SourceMap* value_map = nullptr);
// `NAME=value` from a variable_assignment node.
Assignment make_assignment(const ScriptView& s, uint32_t node);
// value[begin, end) of `w` as a word of its own (`1` of `X=1`, `pip` of `-mpip`).
ShellWord slice_word(const ShellWord& w, size_t begin, size_t end);
// An exec-form argument (already JSON-decoded) as a shell word.
ShellWord word_from_dockerfile(const Word& w);

// The script text of a node.
inline std::string_view node_text(const ScriptView& s, uint32_t node) {
  const SyntaxNode& n = s.tree.nodes[node];
  return s.text.substr(n.start, n.end - n.start);
}

}  // namespace dd::shell
