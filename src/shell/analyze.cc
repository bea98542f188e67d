// Walks a script's syntax tree in execution order and records each simple
// command with its context. The walk keeps its own stack of frames instead
// of recursing, so `$( $( $( ...` nested ten thousand deep costs memory, not
// the C++ stack.
//
// Besides the commands it tracks, per statement, a Flow:
//  - `ok`: what is known to have succeeded when the statement exits 0;
//  - `next`: what is known when the statement after it starts;
//  - the working directory and the set -e / pipefail options afterwards.
// "What is known to have succeeded" is a node of the guard tree (see
// ShellRun): a chain `a && b` gives b the node of a as parent. Joins of two
// paths (`a || b`, the branches of an if) take their lowest common ancestor.
#include "shell/analyze.h"

#include <memory>

#include "shell/syntax.h"
#include "shell/words.h"
#include "shell/wrappers.h"

namespace dd::shell {
namespace {

constexpr int kUnknownDir = -1;
// sh -c inside sh -c inside ...: each level is parsed again; real scripts nest
// two or three deep.
constexpr int kMaxInnerScripts = 16;

struct Script {
  std::string text;
  SourceMap map;
  SyntaxTree tree;
  std::vector<Wrapper> wrappers;  // of the command that runs this script (sh -c): its commands inherit them
  std::vector<Assignment> env;
  bool env_cleared = false;
  int depth = 0;
  ScriptView view() const { return ScriptView{text, map, tree}; }
};

struct Flow {
  int ok = 0;
  int next = 0;
  int cwd = kUnknownDir;
  bool errexit = false;
  bool pipefail = false;
};

struct Ctx {
  uint32_t script = 0;
  int guard = 0;  // what succeeded before the statement starts
  int cwd = kUnknownDir;
  int scope = 0;
  bool errexit = false;     // set -e is on in this shell
  bool suppressed = false;  // ... but ignored here (condition, left of && / ||, under !)
  bool pipefail = false;
  CommandContext where;
  Chain chain = Chain::Start;
  int pipe_from = -1;

  bool exits_on_error() const { return errexit && !suppressed; }
  Flow passthrough() const { return Flow{guard, guard, cwd, errexit, pipefail}; }
};

enum class FrameKind : uint8_t {
  Seq, List, Pipeline, If, While, For, Case, Function, Negated, Command, Redirected, Scan,
};

// How a sequence hands its result back.
enum class SeqMode : uint8_t {
  Block,     // { ...; } or a body: state flows out
  Subshell,  // ( ... ), $( ), sh -c: only the exit status flows out
};

struct Frame {
  FrameKind kind = FrameKind::Seq;
  uint32_t node = kNoNode;
  Ctx ctx;
  uint8_t phase = 0;
  uint32_t cursor = kNoNode;  // child being worked on
  uint32_t stop = kNoNode;    // Seq: the sibling it stops at; Scan: end of the index range
  uint32_t aux = kNoNode;     // If: the clause being worked on; Command: its redirected_statement
  SeqMode mode = SeqMode::Block;
  bool any = false;           // Seq: a statement ran; merges: acc holds something
  bool background = false;    // Seq: the statement being run ends with &
  Chain next_chain = Chain::Start;
  int last_ok = 0;
  int last_command = -1;      // Pipeline: last command of the previous element
  size_t commands_before = 0;
  Flow cur;                   // Seq: the running flow; If/While: the last condition; List: left
  Flow acc;                   // If/Case: the merge of the branches
};

bool is_statement(const SyntaxNode& n) {
  if (!n.named) return false;
  if (n.field == Field::Value || n.field == Field::Variable || n.field == Field::Name ||
      n.field == Field::Redirect || n.field == Field::Operator || n.field == Field::Descriptor ||
      n.field == Field::Destination)
    return false;
  switch (n.kind) {
    case NodeKind::Comment: case NodeKind::ElifClause: case NodeKind::ElseClause:
    case NodeKind::CaseItem: case NodeKind::HeredocBody: case NodeKind::HeredocStart:
    case NodeKind::HeredocEnd: case NodeKind::Word: case NodeKind::String:
    case NodeKind::RawString: case NodeKind::AnsiCString: case NodeKind::TranslatedString:
    case NodeKind::Concatenation: case NodeKind::SimpleExpansion: case NodeKind::Expansion:
    case NodeKind::StringContent: case NodeKind::Number: case NodeKind::VariableName:
    case NodeKind::FileRedirect: case NodeKind::HeredocRedirect: case NodeKind::HerestringRedirect:
    case NodeKind::CommandName: case NodeKind::FileDescriptor:
      return false;
    default:
      return true;
  }
}

std::string_view token_name(NodeKind k) {
  switch (k) {
    case NodeKind::Fi: return "'fi'";
    case NodeKind::Done: return "'done'";
    case NodeKind::Then: return "'then'";
    case NodeKind::Do: return "'do'";
    case NodeKind::DoubleSemicolon: return "';;'";
    default: return "a token";
  }
}

class Evaluator {
 public:
  explicit Evaluator(ShellRun& run) : run_(run) {
    if (run_.guard_parent.empty()) {
      run_.guard_parent.push_back(-1);
      run_.scope_parent.push_back(-1);
    }
    depth_.assign(run_.guard_parent.size(), 0);
  }

  void script(ScriptSource source, const Start& start) {
    auto sc = std::make_unique<Script>();
    sc->text = std::move(source.text);
    sc->map = std::move(source.map);
    if (!load(*sc)) return;
    scripts_.push_back(std::move(sc));
    Ctx ctx;
    ctx.script = 0;
    ctx.cwd = start.workdir ? intern(*start.workdir) : kUnknownDir;
    ctx.errexit = start.errexit;
    ctx.pipefail = start.pipefail;
    push_seq(0, 0, ctx, SeqMode::Block);
    loop();
    finish();
  }

  void words(std::vector<ShellWord> words, Span span, const Start& start) {
    scripts_.push_back(std::make_unique<Script>());  // empty host script for inner ones
    Ctx ctx;
    ctx.cwd = start.workdir ? intern(*start.workdir) : kUnknownDir;
    ctx.errexit = start.errexit;
    ctx.pipefail = start.pipefail;
    if (!words.empty()) emit(std::move(words), {}, {}, span, ctx);
    loop();
    finish();
  }

 private:
  // --- the pieces of state -------------------------------------------------

  int intern(std::string dir) {
    cwds_.push_back(std::move(dir));
    return static_cast<int>(cwds_.size()) - 1;
  }
  bool same_dir(int a, int b) const {
    return a == b || (a >= 0 && b >= 0 && cwds_[static_cast<size_t>(a)] == cwds_[static_cast<size_t>(b)]);
  }
  int merge_dir(int a, int b) const { return same_dir(a, b) ? a : kUnknownDir; }

  int extend(int parent) {
    run_.guard_parent.push_back(parent);
    depth_.push_back(depth_[static_cast<size_t>(parent)] + 1);
    return static_cast<int>(run_.guard_parent.size()) - 1;
  }
  int lca(int a, int b) const {
    while (a != b) {
      if (depth_[static_cast<size_t>(a)] >= depth_[static_cast<size_t>(b)])
        a = run_.guard_parent[static_cast<size_t>(a)];
      else
        b = run_.guard_parent[static_cast<size_t>(b)];
    }
    return a;
  }
  int new_scope(int parent) {
    run_.scope_parent.push_back(parent);
    return static_cast<int>(run_.scope_parent.size()) - 1;
  }

  const SyntaxNode& node(uint32_t script, uint32_t index) const {
    return scripts_[script]->tree.nodes[index];
  }

  // Parses a script and records its syntax errors.
  bool load(Script& sc) {
    sc.tree = parse_shell(sc.text);
    if (!sc.tree.ok || sc.tree.nodes.empty()) {
      run_.errors.push_back({"the shell script could not be parsed in time; its commands are not checked",
                             sc.map.span(0, sc.text.size())});
      return false;
    }
    const auto& nodes = sc.tree.nodes;
    for (uint32_t i = 0; i < nodes.size();) {
      const SyntaxNode& n = nodes[i];
      if (n.kind == NodeKind::Error) {
        std::string_view t = std::string_view(sc.text).substr(n.start, n.end - n.start);
        t = t.substr(0, t.find('\n'));
        if (t.size() > 40) t = t.substr(0, 40);
        std::string msg = "shell syntax error";
        if (!t.empty()) msg += ": cannot parse `" + std::string(t) + "`";
        run_.errors.push_back({std::move(msg), sc.map.span(n.start, n.end)});
        i = n.subtree_end;  // one report per error region
        continue;
      }
      if (n.missing) {
        run_.errors.push_back({"shell syntax error: missing " + std::string(token_name(n.kind)),
                               sc.map.span(n.start, n.start)});
      }
      ++i;
    }
    return true;
  }

  // --- frames ----------------------------------------------------------------

  Frame& top() { return stack_.back(); }

  void push_seq(uint32_t script, uint32_t parent, Ctx ctx, SeqMode mode,
                uint32_t first = kNoNode, uint32_t stop = kNoNode) {
    Frame f;
    f.kind = FrameKind::Seq;
    ctx.script = script;
    f.ctx = ctx;
    f.node = parent;
    f.cursor = first == kNoNode ? node(script, parent).first_child : first;
    f.stop = stop;
    f.mode = mode;
    f.cur = ctx.passthrough();
    f.last_ok = ctx.guard;
    f.next_chain = ctx.chain;
    stack_.push_back(f);
  }

  void push_scan(Ctx ctx, uint32_t begin, uint32_t end) {
    Frame f;
    f.kind = FrameKind::Scan;
    f.ctx = ctx;
    f.cursor = begin;
    f.stop = end;
    stack_.push_back(f);
  }

  void push_frame(FrameKind kind, uint32_t n, const Ctx& ctx, uint32_t aux = kNoNode) {
    Frame f;
    f.kind = kind;
    f.node = n;
    f.ctx = ctx;
    f.aux = aux;
    stack_.push_back(f);
  }

  void push_statement(uint32_t n, Ctx ctx) {
    const SyntaxNode& s = node(ctx.script, n);
    switch (s.kind) {
      case NodeKind::Command:
      case NodeKind::VariableAssignment:
      case NodeKind::VariableAssignments:
      case NodeKind::DeclarationCommand:
      case NodeKind::UnsetCommand:
        push_frame(FrameKind::Command, n, ctx);
        return;
      case NodeKind::RedirectedStatement: push_frame(FrameKind::Redirected, n, ctx); return;
      case NodeKind::List: push_frame(FrameKind::List, n, ctx); return;
      case NodeKind::Pipeline: push_frame(FrameKind::Pipeline, n, ctx); return;
      case NodeKind::IfStatement: push_frame(FrameKind::If, n, ctx); return;
      case NodeKind::WhileStatement: push_frame(FrameKind::While, n, ctx); return;
      case NodeKind::ForStatement:
      case NodeKind::CStyleForStatement: push_frame(FrameKind::For, n, ctx); return;
      case NodeKind::CaseStatement: push_frame(FrameKind::Case, n, ctx); return;
      case NodeKind::FunctionDefinition: push_frame(FrameKind::Function, n, ctx); return;
      case NodeKind::NegatedCommand: push_frame(FrameKind::Negated, n, ctx); return;
      case NodeKind::Subshell:
        ctx.scope = new_scope(ctx.scope);
        ctx.where.subshell = true;
        push_seq(ctx.script, n, ctx, SeqMode::Subshell);
        return;
      case NodeKind::CompoundStatement:
      case NodeKind::Program:
      case NodeKind::DoGroup:
        push_seq(ctx.script, n, ctx, SeqMode::Block);
        return;
      case NodeKind::Error:
        ctx.where.recovered = true;
        push_seq(ctx.script, n, ctx, SeqMode::Block);
        return;
      default:  // [[ ... ]], (( ... )) and the unknown: only their substitutions run commands
        push_scan(ctx, n, s.subtree_end);
        return;
    }
  }

  void loop() {
    while (!stack_.empty()) {
      switch (top().kind) {
        case FrameKind::Seq: step_seq(); break;
        case FrameKind::List: step_list(); break;
        case FrameKind::Pipeline: step_pipeline(); break;
        case FrameKind::If: step_if(); break;
        case FrameKind::While: step_while(); break;
        case FrameKind::For: step_for(); break;
        case FrameKind::Case: step_case(); break;
        case FrameKind::Function: step_function(); break;
        case FrameKind::Negated: step_negated(); break;
        case FrameKind::Command: step_command(); break;
        case FrameKind::Redirected: step_redirected(); break;
        case FrameKind::Scan: step_scan(); break;
      }
    }
  }

  // `out` is taken by value: callers pass their own frame's fields, which
  // pop_back destroys.
  void finish_frame(Flow out) {
    stack_.pop_back();
    ret_ = out;
  }

  // The first statement child at or after `from` (stopping at `stop`).
  uint32_t next_statement(uint32_t script, uint32_t from, uint32_t stop) const {
    for (uint32_t c = from; c != kNoNode && c != stop; c = node(script, c).next) {
      if (is_statement(node(script, c))) return c;
    }
    return kNoNode;
  }

  void step_seq() {
    Frame& f = top();
    if (f.phase == 1) {  // a statement returned
      if (f.background) {
        f.next_chain = Chain::Background;
        f.last_ok = f.cur.next;
      } else {
        f.cur.next = ret_.next;
        f.cur.cwd = ret_.cwd;
        f.cur.errexit = ret_.errexit;
        f.cur.pipefail = ret_.pipefail;
        f.last_ok = ret_.ok;
        f.next_chain = Chain::Sequence;
      }
      f.any = true;
      f.phase = 0;
    }
    uint32_t s = next_statement(f.ctx.script, f.cursor, f.stop);
    if (s == kNoNode) {
      Flow out = f.cur;
      out.ok = f.any ? f.last_ok : f.ctx.guard;
      if (f.mode == SeqMode::Subshell) {
        out.next = f.ctx.exits_on_error() ? out.ok : f.ctx.guard;
        out.cwd = f.ctx.cwd;
        out.errexit = f.ctx.errexit;
        out.pipefail = f.ctx.pipefail;
      }
      finish_frame(out);
      return;
    }
    const SyntaxNode& sn = node(f.ctx.script, s);
    f.cursor = sn.next;
    f.background = f.cursor != kNoNode && f.cursor != f.stop &&
                   node(f.ctx.script, f.cursor).kind == NodeKind::Amp;
    Ctx c = f.ctx;
    c.guard = f.cur.next;
    c.cwd = f.cur.cwd;
    c.errexit = f.cur.errexit;
    c.pipefail = f.cur.pipefail;
    c.chain = f.next_chain;
    if (f.any) c.pipe_from = -1;
    if (f.background) {
      c.scope = new_scope(c.scope);
      c.where.background = true;
      c.where.subshell = true;
    }
    f.phase = 1;
    push_statement(s, c);
  }

  void step_list() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    if (f.phase == 0) {
      uint32_t left = next_statement(sc, node(sc, f.node).first_child, kNoNode);
      if (left == kNoNode) {
        finish_frame(f.ctx.passthrough());
        return;
      }
      f.cursor = left;
      f.phase = 1;
      Ctx c = f.ctx;
      c.suppressed = true;
      push_statement(left, c);
      return;
    }
    if (f.phase == 1) {
      f.cur = ret_;
      NodeKind op = NodeKind::Other;
      uint32_t right = kNoNode;
      for (uint32_t c = node(sc, f.cursor).next; c != kNoNode; c = node(sc, c).next) {
        const SyntaxNode& n = node(sc, c);
        if (n.kind == NodeKind::AndAnd || n.kind == NodeKind::OrOr) op = n.kind;
        if (is_statement(n)) {
          right = c;
          break;
        }
      }
      if (right == kNoNode || op == NodeKind::Other) {
        Flow out = f.cur;
        finish_frame(out);
        return;
      }
      f.aux = static_cast<uint32_t>(op);
      f.phase = 2;
      Ctx c = f.ctx;
      c.guard = op == NodeKind::AndAnd ? f.cur.ok : f.cur.next;
      c.cwd = f.cur.cwd;
      c.errexit = f.cur.errexit;
      c.pipefail = f.cur.pipefail;
      c.chain = op == NodeKind::AndAnd ? Chain::And : Chain::Or;
      c.pipe_from = -1;
      push_statement(right, c);
      return;
    }
    const Flow left = f.cur;
    const Flow right = ret_;
    Flow out = right;
    if (static_cast<NodeKind>(f.aux) == NodeKind::AndAnd) {
      out.ok = right.ok;
      // right.next descends from left.ok, which descends from left.next.
      out.next = left.next;
      out.cwd = right.cwd;
    } else {
      out.ok = lca(left.ok, right.ok);
      out.next = lca(left.ok, right.next);
      out.cwd = merge_dir(left.cwd, right.cwd);
    }
    finish_frame(out);
  }

  void step_pipeline() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    if (f.phase == 0) {
      f.cursor = node(sc, f.node).first_child;
      f.last_ok = f.ctx.guard;
      f.phase = 2;
    } else {  // an element returned
      f.last_ok = ret_.ok;
      f.last_command = run_.commands.size() > f.commands_before
                           ? static_cast<int>(run_.commands.size()) - 1 : -1;
      f.any = true;
    }
    uint32_t s = next_statement(sc, f.cursor, kNoNode);
    if (s == kNoNode) {
      Flow out = f.ctx.passthrough();
      out.ok = f.last_ok;
      out.next = f.ctx.exits_on_error() ? out.ok : f.ctx.guard;
      finish_frame(out);
      return;
    }
    f.cursor = node(sc, s).next;
    Ctx c = f.ctx;
    c.scope = new_scope(c.scope);
    c.where.subshell = true;
    c.where.pipeline = true;
    c.chain = f.any ? Chain::Pipe : f.ctx.chain;
    c.pipe_from = f.any ? f.last_command : f.ctx.pipe_from;
    f.commands_before = run_.commands.size();
    push_statement(s, c);
  }

  // The first child of `parent` of kind k (or of any kind in a clause set).
  uint32_t child_of_kind(uint32_t sc, uint32_t parent, NodeKind k, uint32_t from = kNoNode) const {
    for (uint32_t c = from == kNoNode ? node(sc, parent).first_child : from; c != kNoNode;
         c = node(sc, c).next)
      if (node(sc, c).kind == k) return c;
    return kNoNode;
  }

  // The end of a then-body: the first elif/else clause or `fi`.
  uint32_t clause_end(uint32_t sc, uint32_t from) const {
    for (uint32_t c = from; c != kNoNode; c = node(sc, c).next) {
      NodeKind k = node(sc, c).kind;
      if (k == NodeKind::ElifClause || k == NodeKind::ElseClause || k == NodeKind::Fi) return c;
    }
    return kNoNode;
  }

  void merge_branch(Frame& f, const Flow& b) {
    if (!f.any) {
      f.acc = b;
      f.any = true;
      return;
    }
    f.acc.ok = lca(f.acc.ok, b.ok);
    f.acc.next = lca(f.acc.next, b.next);
    f.acc.cwd = merge_dir(f.acc.cwd, b.cwd);
    f.acc.errexit = f.acc.errexit && b.errexit;
    f.acc.pipefail = f.acc.pipefail && b.pipefail;
  }

  // if: phase 0 condition, 1 then-body, 2 next clause, 3 elif body, 4 else done.
  void step_if() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    switch (f.phase) {
      case 0: {
        uint32_t then = child_of_kind(sc, f.node, NodeKind::Then);
        f.cursor = then;
        f.phase = 1;
        Ctx c = f.ctx;
        c.suppressed = true;
        c.where.condition = true;
        push_seq(sc, f.node, c, SeqMode::Block, kNoNode, then);
        return;
      }
      case 1:
      case 3: {  // a condition returned: run its body
        f.cur = ret_;
        uint32_t body_from = f.cursor == kNoNode ? kNoNode : node(sc, f.cursor).next;
        uint32_t end = f.phase == 1 ? clause_end(sc, body_from) : kNoNode;
        f.aux = f.phase == 1 ? end : node(sc, f.aux).next;  // the clause after this body
        f.phase = 2;
        if (body_from == kNoNode) {  // `then` missing (error recovery)
          ret_ = f.cur;
          return;
        }
        Ctx c = f.ctx;
        c.guard = f.cur.ok;
        c.cwd = f.cur.cwd;
        c.errexit = f.cur.errexit;
        c.pipefail = f.cur.pipefail;
        c.where.branch = true;
        c.chain = Chain::Start;
        c.pipe_from = -1;
        push_seq(sc, f.node, c, SeqMode::Block, body_from, end);
        return;
      }
      case 2: {  // a body returned: merge it, go on with elif / else / fi
        merge_branch(f, ret_);
        uint32_t clause = f.aux;
        Ctx c = f.ctx;
        c.guard = f.cur.next;
        c.cwd = f.cur.cwd;
        c.errexit = f.cur.errexit;
        c.pipefail = f.cur.pipefail;
        c.pipe_from = -1;
        c.chain = Chain::Start;
        if (clause != kNoNode && node(sc, clause).kind == NodeKind::ElifClause) {
          uint32_t then = child_of_kind(sc, clause, NodeKind::Then);
          f.cursor = then;
          f.aux = clause;
          f.phase = 3;
          c.suppressed = true;
          c.where.condition = true;
          push_seq(sc, clause, c, SeqMode::Block, kNoNode, then);
          return;
        }
        if (clause != kNoNode && node(sc, clause).kind == NodeKind::ElseClause) {
          f.phase = 4;
          c.where.branch = true;
          push_seq(sc, clause, c, SeqMode::Block);
          return;
        }
        // No else: when no condition held, the if succeeds having run none of the bodies.
        merge_branch(f, Flow{f.cur.next, f.cur.next, f.cur.cwd, f.cur.errexit, f.cur.pipefail});
        finish_frame(f.acc);
        return;
      }
      default:
        merge_branch(f, ret_);
        finish_frame(f.acc);
        return;
    }
  }

  void step_while() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    if (f.phase == 0) {
      uint32_t first = node(sc, f.node).first_child;
      bool until = first != kNoNode && node(sc, first).kind == NodeKind::Until;
      uint32_t body = kNoNode;
      for (uint32_t c = first; c != kNoNode; c = node(sc, c).next)
        if (node(sc, c).field == Field::Body) body = c;
      f.aux = until ? 1 : 0;
      f.cursor = body;
      f.phase = 1;
      Ctx c = f.ctx;
      c.suppressed = true;
      c.where.condition = true;
      push_seq(sc, f.node, c, SeqMode::Block, kNoNode, body);
      return;
    }
    if (f.phase == 1) {
      f.cur = ret_;
      f.phase = 2;
      if (f.cursor == kNoNode) {
        ret_ = f.cur;
        return;
      }
      Ctx c = f.ctx;
      c.guard = f.aux == 1 ? f.cur.next : f.cur.ok;
      c.cwd = f.cur.cwd;
      c.errexit = f.cur.errexit;
      c.where.loop = true;
      c.chain = Chain::Start;
      c.pipe_from = -1;
      push_statement(f.cursor, c);
      return;
    }
    Flow out = f.cur;
    out.ok = out.next = f.cur.next;
    out.cwd = merge_dir(f.cur.cwd, ret_.cwd);
    finish_frame(out);
  }

  void step_for() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    if (f.phase == 0) {
      uint32_t body = kNoNode;
      for (uint32_t c = node(sc, f.node).first_child; c != kNoNode; c = node(sc, c).next)
        if (node(sc, c).field == Field::Body) body = c;
      f.cursor = body;
      f.phase = 1;
      // The words after `in` are expanded (and their substitutions run) first.
      uint32_t end = body == kNoNode ? node(sc, f.node).subtree_end : body;
      push_scan(f.ctx, f.node + 1, end);
      return;
    }
    if (f.phase == 1) {
      f.phase = 2;
      if (f.cursor == kNoNode) {
        ret_ = f.ctx.passthrough();
        return;
      }
      Ctx c = f.ctx;
      c.where.loop = true;
      c.chain = Chain::Start;
      c.pipe_from = -1;
      push_statement(f.cursor, c);
      return;
    }
    Flow out = f.ctx.passthrough();
    out.cwd = merge_dir(f.ctx.cwd, ret_.cwd);
    finish_frame(out);
  }

  void step_case() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    if (f.phase == 0) {
      f.phase = 1;
      f.acc = f.ctx.passthrough();
      f.cursor = child_of_kind(sc, f.node, NodeKind::CaseItem);
      uint32_t end = f.cursor == kNoNode ? node(sc, f.node).subtree_end : f.cursor;
      push_scan(f.ctx, f.node + 1, end);  // the word being matched
      return;
    }
    if (f.phase == 2) {
      f.acc.cwd = merge_dir(f.acc.cwd, ret_.cwd);
      f.cursor = child_of_kind(sc, f.node, NodeKind::CaseItem, node(sc, f.cursor).next);
    }
    if (f.cursor == kNoNode) {
      finish_frame(f.acc);
      return;
    }
    f.phase = 2;
    Ctx c = f.ctx;
    c.where.branch = true;
    c.chain = Chain::Start;
    c.pipe_from = -1;
    push_seq(sc, f.cursor, c, SeqMode::Block);
  }

  void step_function() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    if (f.phase == 0) {
      uint32_t body = kNoNode;
      for (uint32_t c = node(sc, f.node).first_child; c != kNoNode; c = node(sc, c).next)
        if (node(sc, c).field == Field::Body) body = c;
      f.phase = 1;
      if (body == kNoNode) {
        ret_ = f.ctx.passthrough();
        return;
      }
      // A body runs when called, from wherever: nothing is known about its state.
      Ctx c = f.ctx;
      c.guard = 0;
      c.cwd = kUnknownDir;
      c.scope = new_scope(c.scope);
      c.where.function = true;
      c.chain = Chain::Start;
      c.pipe_from = -1;
      push_statement(body, c);
      return;
    }
    finish_frame(f.ctx.passthrough());
  }

  void step_negated() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    if (f.phase == 0) {
      uint32_t inner = next_statement(sc, node(sc, f.node).first_child, kNoNode);
      f.phase = 1;
      if (inner == kNoNode) {
        ret_ = f.ctx.passthrough();
        return;
      }
      Ctx c = f.ctx;
      c.suppressed = true;
      c.where.negated = true;
      push_statement(inner, c);
      return;
    }
    Flow out = ret_;
    out.ok = out.next;  // `! a` succeeds when a fails: nothing new is known
    finish_frame(out);
  }

  // `cmd <<EOF && next`: tree-sitter-bash hangs what follows a heredoc's
  // start on the heredoc redirection (an operator and a `right` command, or a
  // pipeline starting with `|`). Returns that node, or kNoNode.
  uint32_t heredoc_continuation(uint32_t sc, uint32_t redirected, NodeKind* op) const {
    for (uint32_t r = node(sc, redirected).first_child; r != kNoNode; r = node(sc, r).next) {
      if (node(sc, r).kind != NodeKind::HeredocRedirect) continue;
      NodeKind last_op = NodeKind::Other;
      for (uint32_t c = node(sc, r).first_child; c != kNoNode; c = node(sc, c).next) {
        const SyntaxNode& n = node(sc, c);
        if (n.field == Field::Operator) last_op = n.kind;
        if (n.field == Field::Right && (last_op == NodeKind::AndAnd || last_op == NodeKind::OrOr)) {
          *op = last_op;
          return c;
        }
        if (n.kind == NodeKind::Pipeline) {
          *op = NodeKind::Pipe;
          return c;
        }
      }
    }
    return kNoNode;
  }

  // A statement with redirections. Phases: 0 start; 1-2 a compound body
  // then the substitutions in its redirections; 3-4 a command followed by a
  // heredoc continuation (see heredoc_continuation).
  void step_redirected() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    if (f.phase == 0) {
      uint32_t body = kNoNode;
      for (uint32_t c = node(sc, f.node).first_child; c != kNoNode; c = node(sc, c).next)
        if (node(sc, c).field == Field::Body) body = c;
      if (body == kNoNode) {  // `> file` alone
        f.phase = 2;
        f.cur = f.ctx.passthrough();
        push_scan(f.ctx, f.node + 1, node(sc, f.node).subtree_end);
        return;
      }
      if (node(sc, body).kind != NodeKind::Command) {
        f.cursor = body;
        f.phase = 1;
        push_statement(body, f.ctx);
        return;
      }
      NodeKind op = NodeKind::Other;
      uint32_t cont = heredoc_continuation(sc, f.node, &op);
      if (cont == kNoNode) {
        // The command frame sees the redirections and takes over.
        Ctx c = f.ctx;
        uint32_t redirected = f.node;
        stack_.pop_back();
        push_frame(FrameKind::Command, body, c, redirected);
        top().stop = node(sc, redirected).subtree_end;
        return;
      }
      f.cursor = cont;
      f.aux = static_cast<uint32_t>(op);
      f.phase = 3;
      f.commands_before = run_.commands.size();
      Ctx c = f.ctx;
      if (op == NodeKind::Pipe) {
        c.scope = new_scope(c.scope);
        c.where.subshell = c.where.pipeline = true;
      } else {
        c.suppressed = true;
      }
      push_frame(FrameKind::Command, body, c, f.node);
      top().stop = cont;  // the continuation is walked on its own
      return;
    }
    if (f.phase == 1) {
      f.cur = ret_;
      f.phase = 2;
      push_scan(f.ctx, node(sc, f.cursor).subtree_end, node(sc, f.node).subtree_end);
      return;
    }
    if (f.phase == 2) {
      finish_frame(f.cur);
      return;
    }
    NodeKind op = static_cast<NodeKind>(f.aux);
    if (f.phase == 3) {  // the command returned; walk what follows it
      f.cur = ret_;
      f.phase = 4;
      Ctx c = f.ctx;
      c.pipe_from = -1;
      if (op == NodeKind::Pipe) {
        c.guard = f.ctx.guard;
        c.scope = new_scope(c.scope);
        c.where.subshell = c.where.pipeline = true;
        c.chain = Chain::Pipe;
        if (run_.commands.size() > f.commands_before) c.pipe_from = static_cast<int>(run_.commands.size()) - 1;
        push_seq(sc, f.cursor, c, SeqMode::Block);
        return;
      }
      c.guard = op == NodeKind::AndAnd ? f.cur.ok : f.cur.next;
      c.cwd = f.cur.cwd;
      c.errexit = f.cur.errexit;
      c.pipefail = f.cur.pipefail;
      c.chain = op == NodeKind::AndAnd ? Chain::And : Chain::Or;
      push_statement(f.cursor, c);
      return;
    }
    const Flow left = f.cur;
    const Flow right = ret_;
    Flow out = right;
    if (op == NodeKind::Pipe) {
      out = f.ctx.passthrough();
      out.ok = right.ok;
      out.next = f.ctx.exits_on_error() ? out.ok : f.ctx.guard;
    } else if (op == NodeKind::AndAnd) {
      out.next = left.next;
    } else {
      out.ok = lca(left.ok, right.ok);
      out.next = lca(left.ok, right.next);
      out.cwd = merge_dir(left.cwd, right.cwd);
    }
    finish_frame(out);
  }

  // Runs the command substitutions in nodes [cursor, stop) in order.
  void step_scan() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    while (f.cursor < f.stop) {
      const SyntaxNode& n = node(sc, f.cursor);
      if (n.kind == NodeKind::CommandSubstitution || n.kind == NodeKind::ProcessSubstitution) {
        uint32_t sub = f.cursor;
        f.cursor = n.subtree_end;
        Ctx c = f.ctx;
        c.scope = new_scope(c.scope);
        c.where.subshell = true;
        c.where.substitution = true;
        c.suppressed = true;
        c.chain = Chain::Start;
        c.pipe_from = -1;
        push_seq(sc, sub, c, SeqMode::Subshell);
        return;
      }
      ++f.cursor;
    }
    finish_frame(f.ctx.passthrough());
  }

  // --- simple commands -------------------------------------------------------

  void step_command() {
    Frame& f = top();
    uint32_t sc = f.ctx.script;
    const SyntaxNode& n = node(sc, f.node);
    if (f.phase == 0) {  // the substitutions in the words run first
      f.phase = 1;
      push_scan(f.ctx, f.node + 1, n.subtree_end);
      return;
    }
    if (f.phase == 1) {
      f.phase = 2;
      if (f.aux != kNoNode) {  // and those in the redirections around it
        push_scan(f.ctx, n.subtree_end, f.stop);
        return;
      }
    }
    if (f.phase == 3) {  // an inner script (sh -c) returned
      Flow out = f.ctx.passthrough();
      out.ok = ret_.ok;
      out.next = f.ctx.exits_on_error() ? out.ok : f.ctx.guard;
      finish_frame(out);
      return;
    }
    const Script& script = *scripts_[sc];
    ScriptView sv = script.view();
    Ctx ctx = f.ctx;
    uint32_t self = f.node;
    uint32_t redirected = f.aux;

    switch (n.kind) {
      case NodeKind::VariableAssignment:
      case NodeKind::VariableAssignments: {
        auto record = [&](uint32_t a) {
          Assignment as = make_assignment(sv, a);
          run_.script_variables.push_back(
              {as.name, std::move(as.value), false, as.span, run_.commands.size(), ctx.scope});
        };
        if (n.kind == NodeKind::VariableAssignment) {
          record(self);
        } else {
          for (uint32_t c = n.first_child; c != kNoNode; c = node(sc, c).next)
            if (node(sc, c).kind == NodeKind::VariableAssignment) record(c);
        }
        finish_frame(ctx.passthrough());
        return;
      }
      case NodeKind::DeclarationCommand:
      case NodeKind::UnsetCommand: {
        std::vector<ShellWord> words;
        uint32_t first = n.first_child;
        if (first == kNoNode) {
          finish_frame(ctx.passthrough());
          return;
        }
        std::string keyword(node_text(sv, first));
        bool is_unset = n.kind == NodeKind::UnsetCommand;
        bool exported = keyword == "export";
        bool functions = false;  // unset -f / declare -f name functions, not variables
        words.push_back(make_word(sv, first));
        for (uint32_t c = node(sc, first).next; c != kNoNode; c = node(sc, c).next) {
          const SyntaxNode& cn = node(sc, c);
          if (!cn.named) continue;
          ShellWord w = make_word(sv, c);
          if (w.value == "-x" && keyword != "export") exported = true;
          if (w.value == "-f" || w.value == "-F") functions = true;
          if (functions) {
          } else if (cn.kind == NodeKind::VariableAssignment) {
            Assignment as = make_assignment(sv, c);
            run_.script_variables.push_back(
                {as.name, std::move(as.value), exported, as.span, run_.commands.size(), ctx.scope});
          } else if (cn.kind == NodeKind::VariableName ||
                     (cn.kind == NodeKind::Word && !w.value.empty() && w.value[0] != '-')) {
            ScriptVariable v{w.value, std::nullopt, exported && !is_unset, w.span,
                             run_.commands.size(), ctx.scope};
            v.unset = is_unset;
            run_.script_variables.push_back(std::move(v));
          }
          words.push_back(std::move(w));
        }
        Flow out = record_command(std::move(words), script.env, script.wrappers,
                                  sv.map.span(n.start, n.end), ctx, {});
        finish_frame(out);
        return;
      }
      default:
        break;
    }

    std::vector<Assignment> assigns;
    std::vector<ShellWord> words;
    std::vector<uint32_t> word_nodes;
    std::vector<uint32_t> redirect_nodes;
    for (uint32_t c = n.first_child; c != kNoNode; c = node(sc, c).next) {
      const SyntaxNode& cn = node(sc, c);
      if (cn.kind == NodeKind::VariableAssignment && words.empty()) {
        assigns.push_back(make_assignment(sv, c));
      } else if (cn.field == Field::Name || cn.field == Field::Argument) {
        words.push_back(make_word(sv, c));
        word_nodes.push_back(c);
      } else if (cn.field == Field::Redirect || cn.kind == NodeKind::FileRedirect ||
                 cn.kind == NodeKind::HeredocRedirect || cn.kind == NodeKind::HerestringRedirect) {
        redirect_nodes.push_back(c);
      }
    }
    if (redirected != kNoNode) {
      for (uint32_t c = node(sc, redirected).first_child; c != kNoNode; c = node(sc, c).next)
        if (node(sc, c).field == Field::Redirect) redirect_nodes.push_back(c);
    }
    if (words.empty()) {  // `A=1 > file`: assignments only, they last for the shell
      for (Assignment& a : assigns)
        run_.script_variables.push_back(
            {a.name, std::move(a.value), false, a.span, run_.commands.size(), ctx.scope});
      finish_frame(ctx.passthrough());
      return;
    }
    std::optional<Flow> out = emit(std::move(words), std::move(assigns), redirect_nodes,
                                   sv.map.span(n.start, n.end), ctx, &word_nodes);
    if (out) {
      finish_frame(*out);
      return;
    }
    // emit() pushed the inner script's frame above this one.
    stack_[stack_.size() - 2].phase = 3;
  }

  std::vector<Redirect> make_redirects(uint32_t sc, const std::vector<uint32_t>& nodes) {
    std::vector<Redirect> out;
    const Script& script = *scripts_[sc];
    ScriptView sv = script.view();
    std::vector<uint32_t> queue = nodes;
    for (size_t qi = 0; qi < queue.size(); ++qi) {
      uint32_t r = queue[qi];
      const SyntaxNode& rn = node(sc, r);
      Redirect red;
      red.span = sv.map.span(rn.start, rn.end);
      std::string fd;
      for (uint32_t c = rn.first_child; c != kNoNode; c = node(sc, c).next) {
        const SyntaxNode& cn = node(sc, c);
        if (cn.kind == NodeKind::FileRedirect || cn.kind == NodeKind::HerestringRedirect) {
          queue.push_back(c);  // `cat <<EOF > file`: the file redirection sits inside the heredoc one
        } else if (cn.kind == NodeKind::FileDescriptor || cn.field == Field::Descriptor) {
          fd = std::string(node_text(sv, c));
        } else if (!cn.named && red.op.empty()) {
          red.op = fd + std::string(node_text(sv, c));
        } else if (cn.named && cn.kind != NodeKind::HeredocBody && cn.kind != NodeKind::HeredocEnd &&
                   red.target.value.empty() && red.target.raw.empty()) {
          red.target = make_word(sv, c);
        }
      }
      out.push_back(std::move(red));
    }
    return out;
  }

  // A heredoc body or here-string a shell reads as its script.
  std::optional<ScriptSource> stdin_script(uint32_t sc, const std::vector<uint32_t>& redirects) {
    const Script& script = *scripts_[sc];
    for (uint32_t r : redirects) {
      const SyntaxNode& rn = node(sc, r);
      if (rn.kind == NodeKind::HeredocRedirect) {
        uint32_t body = child_of_kind(sc, r, NodeKind::HeredocBody);
        if (body == kNoNode) continue;
        const SyntaxNode& bn = node(sc, body);
        ScriptSource s;
        s.text = script.text.substr(bn.start, bn.end - bn.start);
        s.map = script.map.slice(bn.start, bn.end);
        return s;
      }
      if (rn.kind == NodeKind::HerestringRedirect) {
        for (uint32_t c = rn.first_child; c != kNoNode; c = node(sc, c).next) {
          if (!node(sc, c).named) continue;
          ShellWord w = make_word(script.view(), c);
          return source_of_word(w);
        }
      }
    }
    return std::nullopt;
  }

  static ScriptSource source_of_word(const ShellWord& w) {
    ScriptSource s;
    s.text = w.value;
    for (size_t i = 0; i < w.pieces.size(); ++i) {
      size_t b = w.pieces[i].text_offset;
      size_t e = i + 1 < w.pieces.size() ? w.pieces[i + 1].text_offset : w.value.size();
      s.map.add_copy(s.text, b, e - b, w.pieces[i].source);
    }
    if (w.pieces.empty()) s.map.add_synthetic(0, w.span.start);
    return s;
  }

  // Records the command `words`, or, for a shell given a script, pushes the
  // walk of that script and returns nullopt.
  // `word_nodes`, when known, are the syntax nodes of `words`.
  std::optional<Flow> emit(std::vector<ShellWord> words, std::vector<Assignment> assigns,
                           const std::vector<uint32_t>& redirect_nodes, Span span, const Ctx& ctx,
                           const std::vector<uint32_t>* word_nodes = nullptr) {
    Unwrapped u = unwrap(words);
    const Script& host = *scripts_[ctx.script];
    std::vector<Assignment> env = host.env;
    for (Assignment& a : assigns) env.push_back(std::move(a));
    for (Assignment& a : u.env) env.push_back(std::move(a));
    int cwd = ctx.cwd;
    if (u.chdir) cwd = change_dir(cwd, *u.chdir);

    if (u.shell != ShellMode::None && host.depth < kMaxInnerScripts) {
      std::optional<ScriptSource> inner;
      if (u.shell == ShellMode::String) {
        const ShellWord& body = words[u.script];
        // $VAR in the string is left for the inner parse to see as an
        // expansion; a $(...) would change the text itself.
        if (body.value.find("$(") == std::string::npos && body.value.find('`') == std::string::npos) {
          if (word_nodes && u.script < word_nodes->size()) {
            // Again from the syntax node, to map escapes (\" in "...") exactly.
            ScriptSource src;
            src.text = make_word(host.view(), (*word_nodes)[u.script], &src.map).value;
            inner = std::move(src);
          } else {
            inner = source_of_word(body);
          }
        }
      } else {
        inner = stdin_script(ctx.script, redirect_nodes);
      }
      if (inner) {
        auto sc = std::make_unique<Script>();
        sc->text = std::move(inner->text);
        sc->map = std::move(inner->map);
        sc->depth = host.depth + 1;
        sc->wrappers = host.wrappers;
        // Copies, not moves: when the inner script cannot be parsed the
        // command is recorded below as a plain call and still needs them.
        for (const Wrapper& w : u.wrappers) sc->wrappers.push_back(w);
        size_t shell_end = u.shell == ShellMode::String ? u.script : words.size();
        Wrapper shell;
        shell.kind = WrapperKind::Shell;
        shell.words.assign(words.begin() + static_cast<long>(u.program),
                           words.begin() + static_cast<long>(shell_end));
        if (!shell.words.empty())
          shell.span = Span{shell.words.front().span.start, shell.words.back().span.end};
        sc->wrappers.push_back(std::move(shell));
        sc->env = env;
        sc->env_cleared = host.env_cleared || u.env_cleared;
        if (load(*sc)) {
          scripts_.push_back(std::move(sc));
          Ctx c = ctx;
          c.script = static_cast<uint32_t>(scripts_.size() - 1);
          c.cwd = cwd;
          c.scope = new_scope(ctx.scope);
          c.errexit = u.errexit;
          c.pipefail = u.pipefail;
          c.suppressed = false;
          c.where.subshell = true;
          c.where.inner_script = true;
          push_seq(c.script, 0, c, SeqMode::Subshell);
          return std::nullopt;
        }
      }
    }

    std::vector<ShellWord> args;
    for (size_t i = u.args_begin; i < words.size(); ++i) args.push_back(std::move(words[i]));
    ShellWord name = u.program_override ? std::move(*u.program_override) : std::move(words[u.program]);
    std::vector<Wrapper> wrappers = host.wrappers;
    bool own_wrappers = !u.wrappers.empty();
    for (Wrapper& w : u.wrappers) wrappers.push_back(std::move(w));
    std::vector<ShellWord> all;
    all.reserve(args.size() + 1);
    all.push_back(std::move(name));
    for (ShellWord& a : args) all.push_back(std::move(a));
    Ctx c = ctx;
    c.cwd = cwd;
    Flow out = record_command(std::move(all), std::move(env), std::move(wrappers), span, c,
                              make_redirects(ctx.script, redirect_nodes));
    Command& cmd = run_.commands.back();
    cmd.env_cleared = host.env_cleared || u.env_cleared;
    out.cwd = ctx.cwd;
    // Builtins that change the shell itself; run through sudo or env they
    // would change a child process only.
    if (!own_wrappers) apply_builtin(cmd, out);
    return out;
  }

  Flow record_command(std::vector<ShellWord> words, std::vector<Assignment> env,
                      std::vector<Wrapper> wrappers, Span span, const Ctx& ctx,
                      std::vector<Redirect> redirects) {
    Command c;
    c.name = std::move(words.front());
    c.args.assign(std::make_move_iterator(words.begin() + 1), std::make_move_iterator(words.end()));
    c.env = std::move(env);
    c.wrappers = std::move(wrappers);
    c.redirects = std::move(redirects);
    c.span = span;
    if (ctx.cwd >= 0) c.workdir = cwds_[static_cast<size_t>(ctx.cwd)];
    c.chain = ctx.chain;
    c.context = ctx.where;
    c.errexit = ctx.exits_on_error();
    c.pipefail = ctx.pipefail;
    c.pipe_from = ctx.pipe_from;
    c.index = run_.commands.size();
    c.guard_entry = ctx.guard;
    c.guard_self = extend(ctx.guard);
    c.scope = ctx.scope;
    Flow out = ctx.passthrough();
    out.ok = c.guard_self;
    out.next = ctx.exits_on_error() ? out.ok : ctx.guard;
    run_.commands.push_back(std::move(c));
    return out;
  }

  int change_dir(int cwd, const ShellWord& target) {
    if (target.dynamic || target.value.empty()) return kUnknownDir;
    if (target.value[0] == '/') return intern(join_path("/", target.value));
    if (cwd < 0) return kUnknownDir;
    return intern(join_path(cwds_[static_cast<size_t>(cwd)], target.value));
  }

  // cd, pushd, popd and set change the shell that runs them.
  void apply_builtin(const Command& cmd, Flow& out) {
    std::string_view p = cmd.program();
    if (p == "cd" || p == "pushd") {
      const ShellWord* target = nullptr;
      for (const ShellWord& a : cmd.args) {
        if (a.is("--")) continue;
        if (!a.dynamic && a.value.size() > 1 && a.value[0] == '-' && target == nullptr &&
            (a.value == "-L" || a.value == "-P" || a.value == "-e" || a.value == "-@" ||
             a.value == "-n"))
          continue;
        target = &a;
        break;
      }
      // `cd` alone goes to $HOME, `cd -` back: neither is known here.
      if (!target || target->is("-") || (p == "pushd" && !target->value.empty() &&
                                         (target->value[0] == '+' || target->value[0] == '-')))
        out.cwd = kUnknownDir;
      else
        out.cwd = change_dir(cmd.workdir ? intern(*cmd.workdir) : kUnknownDir, *target);
      return;
    }
    if (p == "popd") {
      out.cwd = kUnknownDir;
      return;
    }
    if (p == "set") {
      for (size_t i = 0; i < cmd.args.size(); ++i) {
        std::string_view v = cmd.args[i].value;
        if (v == "--" || v.size() < 2 || (v[0] != '-' && v[0] != '+')) break;
        bool on = v[0] == '-';
        for (size_t k = 1; k < v.size(); ++k) {
          if (v[k] == 'e') out.errexit = on;
          if (v[k] == 'o' && i + 1 < cmd.args.size()) {
            std::string_view name = cmd.args[i + 1].value;
            if (name == "errexit") out.errexit = on;
            if (name == "pipefail") out.pipefail = on;
            ++i;
            break;
          }
        }
      }
    }
  }

  // Numbers the guard tree so ancestor tests are O(1) (see runs_after_success).
  void finish() {
    size_t n = run_.guard_parent.size();
    std::vector<uint32_t> size(n, 1);
    for (size_t i = n; i-- > 1;) size[static_cast<size_t>(run_.guard_parent[i])] += size[i];
    run_.guard_enter.assign(n, 0);
    run_.guard_exit.assign(n, 0);
    std::vector<uint32_t> next_slot(n, 0);
    run_.guard_enter[0] = 0;
    next_slot[0] = 1;
    for (size_t i = 1; i < n; ++i) {  // parents come before children
      size_t p = static_cast<size_t>(run_.guard_parent[i]);
      run_.guard_enter[i] = next_slot[p];
      next_slot[p] += size[i];
      next_slot[i] = run_.guard_enter[i] + 1;
    }
    for (size_t i = 0; i < n; ++i) run_.guard_exit[i] = run_.guard_enter[i] + size[i];
  }

  ShellRun& run_;
  std::vector<std::unique_ptr<Script>> scripts_;
  std::vector<Frame> stack_;
  std::vector<int> depth_;
  std::vector<std::string> cwds_;
  Flow ret_;
};

}  // namespace

void analyze_script_into(ShellRun& run, ScriptSource source, const Start& start) {
  Evaluator(run).script(std::move(source), start);
}

void analyze_words_into(ShellRun& run, std::vector<ShellWord> words, Span span, const Start& start) {
  Evaluator(run).words(std::move(words), span, start);
}

}  // namespace dd::shell
