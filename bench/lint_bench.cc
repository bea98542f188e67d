// Word expansion and the whole rule pass, over the corpus's Dockerfiles
// (bench_corpus.h). See bench/README.md for how to run them.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_corpus.h"
#include "docker_doctor/linter.h"
#include "dockerfile/ast.h"
#include "dockerfile/expand.h"

namespace {

// Every word BuildKit expands (the arguments of the instructions that are
// not shell commands, ENV and LABEL values), each with the ARG and ENV
// values declared in its file before it: what the instruction layer does
// for every build.
struct ExpandInput {
  std::vector<dd::VarMap> scopes;  // one per word
  std::vector<std::string> words;
  std::vector<char> escapes;
  size_t bytes = 0;
};

bool expands(dd::Keyword k) {
  switch (k) {
    case dd::Keyword::Run:
    case dd::Keyword::Cmd:
    case dd::Keyword::Entrypoint:
    case dd::Keyword::Shell:
    case dd::Keyword::Healthcheck:
    case dd::Keyword::Onbuild:
    case dd::Keyword::Unknown:
      return false;
    default:
      return true;
  }
}

const ExpandInput& expand_input() {
  static const ExpandInput in = [] {
    ExpandInput in;
    for (const std::string& text : dd::bench::bench_dockerfiles().texts) {
      dd::Dockerfile df = dd::parse_dockerfile(text);
      dd::VarMap vars;
      auto add = [&](const std::string& word) {
        in.scopes.push_back(vars);
        in.words.push_back(word);
        in.escapes.push_back(df.escape);
        in.bytes += word.size();
      };
      for (const dd::Instruction& ins : df.instructions) {
        if (!expands(ins.kind) || ins.json_form) continue;
        if (ins.kind != dd::Keyword::Arg)  // ARG's words are its pairs, below
          for (const dd::Word& w : ins.args) add(w.text);
        for (const dd::KeyValue& kv : ins.pairs) {
          if (kv.has_value) add(kv.value.text);
          if (ins.kind == dd::Keyword::Arg || ins.kind == dd::Keyword::Env)
            vars[kv.key.text] = kv.value.text;
        }
      }
    }
    return in;
  }();
  return in;
}

void BM_Expand(benchmark::State& state) {
  const ExpandInput& in = expand_input();
  for (auto _ : state) {
    for (size_t i = 0; i < in.words.size(); ++i)
      benchmark::DoNotOptimize(dd::expand_word(in.words[i], in.scopes[i], in.escapes[i]));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * in.words.size()));
}
BENCHMARK(BM_Expand)->Unit(benchmark::kMillisecond);

// Every Dockerfile-scope rule on each file, parse included, one file at a
// time (the LSP's and a one-file run's path); items are files.
void BM_LintFile(benchmark::State& state) {
  const dd::bench::BenchFiles& files = dd::bench::bench_dockerfiles();
  for (auto _ : state) {
    for (size_t i = 0; i < files.texts.size(); ++i)
      benchmark::DoNotOptimize(dd::lint_dockerfile_text(files.paths[i], files.texts[i]));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * files.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * files.texts.size()));
}
BENCHMARK(BM_LintFile)->Unit(benchmark::kMillisecond);

// The batch a CLI run lints (every file's rules, then the project rules)
// on N threads: wall time, since the point is the threads.
void BM_LintRun(benchmark::State& state) {
  const dd::bench::BenchFiles& files = dd::bench::bench_dockerfiles();
  std::vector<dd::DockerfileInput> inputs(files.texts.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    inputs[i].file.path = files.paths[i];
    inputs[i].text = files.texts[i];
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(
        dd::lint_dockerfiles(inputs, {}, static_cast<unsigned>(state.range(0))));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * files.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * files.texts.size()));
}
BENCHMARK(BM_LintRun)->Arg(1)->Arg(2)->Arg(4)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
