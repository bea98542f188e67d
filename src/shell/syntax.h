// A compact copy of tree-sitter-bash's syntax tree, private to src/shell/.
// The tree is flattened once, in pre-order, so the analysis walks plain
// vectors with explicit stacks: no recursion (hostile nesting cannot
// overflow the C++ stack) and no ts_node_child(i), which is linear in i.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dd::shell {

inline constexpr uint32_t kNoNode = UINT32_MAX;

// The node types the analysis distinguishes; everything else is Other.
enum class NodeKind : uint8_t {
  Other,
  Error,  // tree-sitter's ERROR
  // statements
  Program, List, Pipeline, Command, RedirectedStatement, Subshell, CompoundStatement,
  IfStatement, ElifClause, ElseClause, ForStatement, CStyleForStatement, WhileStatement,
  DoGroup, CaseStatement, CaseItem, FunctionDefinition, NegatedCommand, TestCommand,
  DeclarationCommand, UnsetCommand, VariableAssignment, VariableAssignments,
  // parts of commands
  CommandName, FileRedirect, HeredocRedirect, HerestringRedirect, HeredocBody, HeredocStart,
  HeredocEnd, FileDescriptor,
  // words
  Word, String, RawString, AnsiCString, TranslatedString, Concatenation, SimpleExpansion,
  Expansion, ArithmeticExpansion, CommandSubstitution, ProcessSubstitution, StringContent,
  Number, BraceExpression, VariableName, Comment,
  // anonymous tokens that matter
  AndAnd, OrOr, Semicolon, DoubleSemicolon, Amp, Pipe, PipeAmp, Bang, Then, Else, Elif,
  Fi, Do, Done, While, Until, If, Newline,
};

enum class Field : uint8_t { None, Name, Argument, Redirect, Body, Condition, Value, Variable,
                             Operator, Descriptor, Destination, Right, Other };

struct SyntaxNode {
  uint32_t start = 0, end = 0;        // byte range in the script
  uint32_t next = kNoNode;            // next sibling
  uint32_t first_child = kNoNode;
  uint32_t subtree_end = 0;           // index just past the last descendant
  NodeKind kind = NodeKind::Other;
  Field field = Field::None;
  bool named = false;
  bool missing = false;  // inserted by error recovery (zero width)
};

struct SyntaxTree {
  std::vector<SyntaxNode> nodes;  // pre-order; nodes[0] is the program
  bool ok = true;                 // false: the parser gave up (time budget); nodes is empty
};

// Parses `script` with tree-sitter-bash, reusing one parser per thread.
SyntaxTree parse_shell(std::string_view script);

}  // namespace dd::shell
