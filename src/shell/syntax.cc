// tree-sitter-bash behind a plain vector (see syntax.h). The only file that
// includes the tree-sitter API.
#include "shell/syntax.h"

#include <tree_sitter/api.h>

#include <chrono>
#include <memory>
#include <unordered_map>

extern "C" const TSLanguage* tree_sitter_bash(void);

namespace dd::shell {
namespace {

struct Kinds {
  std::vector<NodeKind> by_symbol;
  std::vector<Field> by_field;
};

// Symbol and field ids are per grammar build: map them by name once.
const Kinds& kinds() {
  static const Kinds table = [] {
    static const std::unordered_map<std::string_view, NodeKind> named = {
        {"ERROR", NodeKind::Error},
        {"program", NodeKind::Program},
        {"list", NodeKind::List},
        {"pipeline", NodeKind::Pipeline},
        {"command", NodeKind::Command},
        {"redirected_statement", NodeKind::RedirectedStatement},
        {"subshell", NodeKind::Subshell},
        {"compound_statement", NodeKind::CompoundStatement},
        {"if_statement", NodeKind::IfStatement},
        {"elif_clause", NodeKind::ElifClause},
        {"else_clause", NodeKind::ElseClause},
        {"for_statement", NodeKind::ForStatement},
        {"c_style_for_statement", NodeKind::CStyleForStatement},
        {"while_statement", NodeKind::WhileStatement},
        {"do_group", NodeKind::DoGroup},
        {"case_statement", NodeKind::CaseStatement},
        {"case_item", NodeKind::CaseItem},
        {"function_definition", NodeKind::FunctionDefinition},
        {"negated_command", NodeKind::NegatedCommand},
        {"test_command", NodeKind::TestCommand},
        {"declaration_command", NodeKind::DeclarationCommand},
        {"unset_command", NodeKind::UnsetCommand},
        {"variable_assignment", NodeKind::VariableAssignment},
        {"variable_assignments", NodeKind::VariableAssignments},
        {"command_name", NodeKind::CommandName},
        {"file_redirect", NodeKind::FileRedirect},
        {"heredoc_redirect", NodeKind::HeredocRedirect},
        {"herestring_redirect", NodeKind::HerestringRedirect},
        {"heredoc_body", NodeKind::HeredocBody},
        {"heredoc_start", NodeKind::HeredocStart},
        {"heredoc_end", NodeKind::HeredocEnd},
        {"file_descriptor", NodeKind::FileDescriptor},
        {"word", NodeKind::Word},
        {"string", NodeKind::String},
        {"raw_string", NodeKind::RawString},
        {"ansi_c_string", NodeKind::AnsiCString},
        {"translated_string", NodeKind::TranslatedString},
        {"concatenation", NodeKind::Concatenation},
        {"simple_expansion", NodeKind::SimpleExpansion},
        {"expansion", NodeKind::Expansion},
        {"arithmetic_expansion", NodeKind::ArithmeticExpansion},
        {"command_substitution", NodeKind::CommandSubstitution},
        {"process_substitution", NodeKind::ProcessSubstitution},
        {"string_content", NodeKind::StringContent},
        {"number", NodeKind::Number},
        {"brace_expression", NodeKind::BraceExpression},
        {"variable_name", NodeKind::VariableName},
        {"comment", NodeKind::Comment},
    };
    static const std::unordered_map<std::string_view, NodeKind> anonymous = {
        {"&&", NodeKind::AndAnd}, {"||", NodeKind::OrOr},     {";", NodeKind::Semicolon},
        {";;", NodeKind::DoubleSemicolon}, {"&", NodeKind::Amp}, {"|", NodeKind::Pipe},
        {"|&", NodeKind::PipeAmp}, {"!", NodeKind::Bang},     {"then", NodeKind::Then},
        {"else", NodeKind::Else}, {"elif", NodeKind::Elif},   {"fi", NodeKind::Fi},
        {"do", NodeKind::Do},     {"done", NodeKind::Done},   {"while", NodeKind::While},
        {"until", NodeKind::Until}, {"if", NodeKind::If},     {"\n", NodeKind::Newline},
    };
    static const std::unordered_map<std::string_view, Field> fields = {
        {"name", Field::Name},           {"argument", Field::Argument},
        {"redirect", Field::Redirect},   {"body", Field::Body},
        {"condition", Field::Condition}, {"value", Field::Value},
        {"variable", Field::Variable},   {"operator", Field::Operator},
        {"descriptor", Field::Descriptor}, {"destination", Field::Destination},
        {"right", Field::Right},
    };
    Kinds k;
    const TSLanguage* lang = tree_sitter_bash();
    uint32_t symbols = ts_language_symbol_count(lang);
    k.by_symbol.assign(symbols, NodeKind::Other);
    for (uint32_t s = 0; s < symbols; ++s) {
      const char* name = ts_language_symbol_name(lang, static_cast<TSSymbol>(s));
      if (!name) continue;
      bool is_named = ts_language_symbol_type(lang, static_cast<TSSymbol>(s)) == TSSymbolTypeRegular;
      const auto& table = is_named ? named : anonymous;
      auto it = table.find(name);
      if (it != table.end()) k.by_symbol[s] = it->second;
    }
    uint32_t nfields = ts_language_field_count(lang);
    k.by_field.assign(nfields + 1, Field::None);
    for (uint32_t f = 1; f <= nfields; ++f) {
      const char* name = ts_language_field_name_for_id(lang, static_cast<TSFieldId>(f));
      if (!name) continue;
      auto it = fields.find(name);
      k.by_field[f] = it == fields.end() ? Field::Other : it->second;
    }
    return k;
  }();
  return table;
}

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};

// One parser per thread: creating a parser is cheap but not free, and a
// parser must never be shared between threads.
TSParser* thread_parser() {
  thread_local std::unique_ptr<TSParser, ParserDeleter> parser = [] {
    std::unique_ptr<TSParser, ParserDeleter> p(ts_parser_new());
    ts_parser_set_language(p.get(), tree_sitter_bash());
    return p;
  }();
  return parser.get();
}

// A safety net, not a limit real scripts reach: tree-sitter's error recovery
// can be slow on some adversarial inputs, and a linter must not hang.
struct Budget {
  std::chrono::steady_clock::time_point deadline;
};

bool over_budget(TSParseState* state) {
  auto* budget = static_cast<Budget*>(state->payload);
  return std::chrono::steady_clock::now() > budget->deadline;
}

}  // namespace

SyntaxTree parse_shell(std::string_view script) {
  SyntaxTree out;
  if (script.size() >= UINT32_MAX) {
    out.ok = false;
    return out;
  }
  const Kinds& k = kinds();
  TSParser* parser = thread_parser();
  // 5 s plus 5 s per MB: a 1 MB script parses in well under a second.
  Budget budget{std::chrono::steady_clock::now() + std::chrono::seconds(5) +
                std::chrono::milliseconds(script.size() / 200)};
  struct Input {
    std::string_view text;
  } input{script};
  TSInput ts_input{};
  ts_input.payload = &input;
  ts_input.read = [](void* payload, uint32_t byte, TSPoint, uint32_t* read) -> const char* {
    auto* in = static_cast<Input*>(payload);
    if (byte >= in->text.size()) {
      *read = 0;
      return "";
    }
    *read = static_cast<uint32_t>(in->text.size() - byte);
    return in->text.data() + byte;
  };
  ts_input.encoding = TSInputEncodingUTF8;
  TSParseOptions options{&budget, over_budget};
  std::unique_ptr<TSTree, TreeDeleter> tree(
      ts_parser_parse_with_options(parser, nullptr, ts_input, options));
  if (!tree) {
    ts_parser_reset(parser);  // else the next parse would resume this one
    out.ok = false;
    return out;
  }

  // Flatten in pre-order with the cursor (iterative, constant work per node).
  TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree.get()));
  std::vector<uint32_t> open;  // ancestors of the current node (indices into nodes)
  std::vector<uint32_t> last_child;
  out.nodes.reserve(script.size() / 2 + 16);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    SyntaxNode n;
    n.start = ts_node_start_byte(node);
    n.end = ts_node_end_byte(node);
    TSSymbol sym = ts_node_symbol(node);
    n.kind = sym < k.by_symbol.size() ? k.by_symbol[sym] : NodeKind::Other;
    if (ts_node_is_error(node)) n.kind = NodeKind::Error;
    TSFieldId f = ts_tree_cursor_current_field_id(&cursor);
    n.field = f < k.by_field.size() ? k.by_field[f] : Field::Other;
    n.named = ts_node_is_named(node);
    n.missing = ts_node_is_missing(node);
    uint32_t index = static_cast<uint32_t>(out.nodes.size());
    if (!open.empty()) {
      uint32_t parent = open.back();
      if (last_child.back() == kNoNode)
        out.nodes[parent].first_child = index;
      else
        out.nodes[last_child.back()].next = index;
      last_child.back() = index;
    }
    out.nodes.push_back(n);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      open.push_back(index);
      last_child.push_back(kNoNode);
      continue;
    }
    out.nodes[index].subtree_end = index + 1;
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (open.empty() || !ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return out;
      }
      out.nodes[open.back()].subtree_end = static_cast<uint32_t>(out.nodes.size());
      open.pop_back();
      last_child.pop_back();
    }
  }
}

}  // namespace dd::shell
