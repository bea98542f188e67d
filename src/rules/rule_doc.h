// The structure of a rules/DDnnn.md file: front matter, `## ` sections and
// fenced examples. Header-only and standard-library-only on purpose: both
// dd-rulegen (which validates the files before dd_core exists) and the tests
// (which run the examples) read the files through this one definition.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dd::ruledoc {

struct Line {
  std::string_view text;  // without the line terminator
  int number = 0;         // 1-based
  size_t offset = 0;      // byte offset of the line in the file
};

inline std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  size_t pos = 0;
  int number = 1;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(Line{line, number++, pos});
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return lines;
}

struct FrontMatter {
  bool found = false;     // the file opens with a `---` line and has a closing one
  std::string_view yaml;  // the text between the two `---` lines
  int yaml_first_line = 0;  // 1-based line number of the first YAML line
  size_t body_offset = 0;   // where the Markdown after the closing `---` starts
  int body_first_line = 0;
};

inline FrontMatter split_front_matter(std::string_view text) {
  FrontMatter fm;
  std::vector<Line> lines = split_lines(text);
  if (lines.empty() || lines[0].text != "---") return fm;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].text != "---") continue;
    fm.found = true;
    fm.yaml = text.substr(lines[1].offset, lines[i].offset - lines[1].offset);
    fm.yaml_first_line = 2;
    fm.body_offset = i + 1 < lines.size() ? lines[i + 1].offset : text.size();
    fm.body_first_line = lines[i].number + 1;
    return fm;
  }
  return fm;
}

struct Section {
  std::string title;  // the text after "## "
  int line = 0;
};

// A fenced code block. `language` and `tags` come from the info string:
// "```dockerfile bad" has language "dockerfile" and tags {"bad"}.
struct CodeBlock {
  std::string language;
  std::vector<std::string> tags;
  std::string code;    // the lines between the fences, each ending in '\n'
  int line = 0;        // line of the opening fence
  int code_line = 0;   // line of the first code line
  std::string section; // the `## ` section the block sits in
  bool closed = true;  // false when the file ended inside the block

  bool has_tag(std::string_view tag) const {
    for (const std::string& t : tags)
      if (t == tag) return true;
    return false;
  }
};

struct Body {
  std::vector<Section> sections;
  std::vector<CodeBlock> blocks;
};

inline std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) words.emplace_back(s.substr(start, i - start));
  }
  return words;
}

// Scans Markdown for `## ` headings and fenced blocks (``` or ~~~, three or
// more). Headings inside code blocks are code, not sections.
inline Body parse_body(std::string_view text, int first_line = 1) {
  Body body;
  std::vector<Line> lines = split_lines(text);
  std::string current_section;
  CodeBlock* open = nullptr;
  char fence_char = 0;
  size_t fence_len = 0;
  for (const Line& raw : lines) {
    Line line = raw;
    line.number = raw.number + first_line - 1;
    std::string_view t = line.text;
    if (open) {
      size_t n = 0;
      while (n < t.size() && t[n] == fence_char) ++n;
      std::string_view rest = t.substr(n);
      bool blank_rest = rest.find_first_not_of(" \t") == std::string_view::npos;
      if (n >= fence_len && blank_rest) {
        open = nullptr;
        continue;
      }
      open->code.append(t);
      open->code.push_back('\n');
      continue;
    }
    if (t.size() >= 3 && (t.substr(0, 3) == "```" || t.substr(0, 3) == "~~~")) {
      fence_char = t[0];
      fence_len = 0;
      while (fence_len < t.size() && t[fence_len] == fence_char) ++fence_len;
      std::vector<std::string> words = split_words(t.substr(fence_len));
      CodeBlock block;
      if (!words.empty()) {
        block.language = words[0];
        block.tags.assign(words.begin() + 1, words.end());
      }
      block.line = line.number;
      block.code_line = line.number + 1;
      block.section = current_section;
      block.closed = false;
      body.blocks.push_back(std::move(block));
      open = &body.blocks.back();
      continue;
    }
    if (t.size() > 3 && t.substr(0, 3) == "## ") {
      current_section = std::string(t.substr(3));
      while (!current_section.empty() && current_section.back() == ' ') current_section.pop_back();
      body.sections.push_back(Section{current_section, line.number});
    }
  }
  // Blocks are closed unless the file ended inside one (only the last can be).
  for (size_t i = 0; i + 1 < body.blocks.size(); ++i) body.blocks[i].closed = true;
  if (!body.blocks.empty()) body.blocks.back().closed = (open == nullptr);
  return body;
}

}  // namespace dd::ruledoc
