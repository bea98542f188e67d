// What each instruction of a Dockerfile sees, as BuildKit's dispatcher tracks
// it: the stage it belongs to, the ARG and ENV values in scope, the WORKDIR,
// USER and SHELL in force, and which earlier stage a `FROM <stage>` builds on.
// Computed once per file; the shell model, the image-file model and rules
// read it instead of walking the stages again.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dockerfile/ast.h"
#include "dockerfile/expand.h"

namespace dd {

// An ARG or ENV in scope.
struct ScopeVariable {
  std::string name;
  std::optional<std::string> value;  // nullopt: declared, value unknown (ARG without default)
  Span span;                         // the key=value as written
  bool is_env = false;               // ENV (carried into stages built FROM this one) or ARG
};

// The state an instruction is evaluated in (before the instruction itself
// applies: a WORKDIR's own scope has the previous directory).
struct InstructionScope {
  size_t stage = SIZE_MAX;  // index in Dockerfile::stages; SIZE_MAX for global ARGs
  size_t variable_count = 0;  // the first N of StageScope::variables are visible
  std::optional<std::string> workdir = "/";  // absolute and normalised; nullopt when unknown
  std::string user;                           // "" = the base image's user
  size_t shell = 0;                           // index in DockerfileScopes::shells
};

struct StageScope {
  // The earlier stage this one is built FROM, if it names one.
  std::optional<size_t> parent;
  // The FROM image after expanding global ARGs; nullopt when it depends on a
  // build argument with no default.
  std::optional<std::string> base;
  // Inherited ENV first, then this stage's ARG/ENV in declaration order.
  std::vector<ScopeVariable> variables;
  InstructionScope final_state;  // after the stage's last instruction

  // The latest of the first `count` variables named `name`, or null. O(log n):
  // huge generated Dockerfiles must not make every look-up a scan.
  const ScopeVariable* lookup(std::string_view name, size_t count) const;
  void add(ScopeVariable v);

 private:
  std::map<std::string, std::vector<size_t>, std::less<>> positions_;  // name -> indices, ascending
};

struct DockerfileScopes {
  StageScope globals;                       // the ARGs before the first FROM
  std::vector<StageScope> stages;           // parallel to Dockerfile::stages
  std::vector<InstructionScope> instructions;  // parallel to Dockerfile::instructions
  std::vector<std::vector<std::string>> shells;  // [0] is the default {"/bin/sh", "-c"}

  const std::vector<std::string>& shell_of(const InstructionScope& s) const { return shells[s.shell]; }
  // The variables visible to instruction `index`, latest definition last.
  std::vector<ScopeVariable> variables_at(size_t index) const;
  // `text` expanded with what instruction `index` sees; nullopt when the
  // result depends on a value the linter cannot know or expansion fails.
  std::optional<std::string> expand_at(size_t index, std::string_view text, char escape) const;
  // The chain of stages `stage` builds on, nearest parent first.
  std::vector<size_t> ancestors(size_t stage) const;
};

DockerfileScopes compute_scopes(const Dockerfile& dockerfile);

// `text` expanded with the first `count` variables of `stage` (later ones
// win). nullopt when it uses a variable whose value is unknown, or expansion
// fails.
std::optional<std::string> expand_known(std::string_view text, const StageScope& stage, size_t count,
                                        char escape);

// Joins `path` onto the absolute directory `dir` as WORKDIR and `cd` do, and
// normalises the result ("/app" + "../x" = "/x"; an absolute path replaces dir).
std::string resolve_path(std::string_view dir, std::string_view path);

}  // namespace dd
