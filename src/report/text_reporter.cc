// The text reporter: see text_reporter.h.
#include "report/text_reporter.h"

#include <algorithm>
#include <fmt/format.h>

#include "dockerfile/unicode_class.h"
#include "report/line_index.h"

namespace dd {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD


// Characters a file must not be allowed to send to a terminal as they are:
// C0/C1 controls (escape sequences) and the bidi controls that make text read
// differently from how it parses ("trojan source").
bool is_unsafe(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
}

struct Range {
  char32_t first, last;
};

// East Asian Wide/Fullwidth blocks and the common emoji blocks: two cells on
// a terminal. An approximation of wcwidth() that does not depend on the
// user's locale, so output (and the golden tests) are the same everywhere.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x26AA, 0x26AB},
    {0x26BD, 0x26BE},   {0x26F5, 0x26F5},   {0x26FD, 0x26FD},   {0x2705, 0x2705},
    {0x270A, 0x270B},   {0x2728, 0x2728},   {0x274C, 0x274C},   {0x2753, 0x2755},
    {0x2795, 0x2797},   {0x2B1B, 0x2B1C},   {0x2E80, 0x303E},   {0x3041, 0x33FF},
    {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},   {0xA960, 0xA97F},
    {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

// Combining marks and zero-width format characters: no cell of their own.
constexpr Range kZero[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF}, {0x200B, 0x200D}, {0x2060, 0x2064}, {0x20D0, 0x20FF},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

bool in(const Range* begin, const Range* end, char32_t cp) {
  return std::any_of(begin, end, [cp](const Range& r) { return cp >= r.first && cp <= r.last; });
}

int cell_width(char32_t cp) {
  if (in(std::begin(kZero), std::end(kZero), cp)) return 0;
  if (in(std::begin(kWide), std::end(kWide), cp)) return 2;
  return 1;
}

// One character of a source line as it will be printed.
struct Cell {
  size_t byte;       // offset in the line
  std::string shown;  // what is printed for it
  int column;        // first terminal cell it occupies (0-based)
  int width;
};

std::vector<Cell> layout(std::string_view line, int tab_width) {
  std::vector<Cell> cells;
  int column = 0;
  for (size_t i = 0; i < line.size();) {
    char32_t cp = 0;
    size_t len = unicode::decode_valid(line, i, cp);
    Cell cell{i, {}, column, 1};
    if (len == 0) {
      cell.shown = kReplacement;
      len = 1;
    } else if (cp == '\t') {
      cell.width = tab_width - column % tab_width;
      cell.shown.assign(static_cast<size_t>(cell.width), ' ');
    } else if (cp == 0xFEFF) {
      cell.width = 0;  // a byte-order mark: nothing to show
    } else if (is_unsafe(cp)) {
      cell.shown = kReplacement;
    } else {
      cell.shown = line.substr(i, len);
      cell.width = cell_width(cp);
    }
    column += cell.width;
    cells.push_back(std::move(cell));
    i += len;
  }
  return cells;
}

// Index of the first cell at or after byte offset `byte`.
size_t cell_at(const std::vector<Cell>& cells, size_t byte) {
  return static_cast<size_t>(
      std::lower_bound(cells.begin(), cells.end(), byte,
                       [](const Cell& c, size_t b) { return c.byte < b; }) -
      cells.begin());
}

const char* severity_color(Severity s) {
  switch (s) {
    case Severity::Error: return "\x1b[1;31m";
    case Severity::Warning: return "\x1b[1;33m";
    case Severity::Info: return "\x1b[1;36m";
    case Severity::Style: return "\x1b[1;32m";
  }
  return "";
}

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kGutter = "\x1b[1;34m";
constexpr const char* kReset = "\x1b[0m";

}  // namespace

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t len = unicode::decode_valid(s, i, cp);
    if (len == 0 || is_unsafe(cp)) {
      out += kReplacement;
      i += len == 0 ? 1 : len;
    } else {
      out += s.substr(i, len);
      i += len;
    }
  }
  return out;
}

Excerpt make_excerpt(std::string_view line, int start_byte_column, int end_byte_column,
                     const TextOptions& options) {
  std::vector<Cell> cells = layout(line, std::max(1, options.tab_width));
  int total = cells.empty() ? 0 : cells.back().column + cells.back().width;

  size_t start_byte = static_cast<size_t>(std::max(1, start_byte_column) - 1);
  size_t end_byte = static_cast<size_t>(std::max(1, end_byte_column) - 1);
  size_t first = cell_at(cells, std::min(start_byte, line.size()));
  size_t last = cell_at(cells, std::min(std::max(end_byte, start_byte), line.size()));
  int from = first < cells.size() ? cells[first].column : total;
  int to = last < cells.size() ? cells[last].column : total;

  // Crop long lines to a window that starts a little before the span.
  int window_start = 0, window_end = total;
  int max_width = std::max(20, options.max_width);
  if (total > max_width) {
    window_start = std::max(0, std::min(from - max_width / 4, total - max_width));
    window_end = window_start + max_width;
  }

  Excerpt e;
  int prefix = 0;
  if (window_start > 0) {
    e.source = "...";
    prefix = 3;
  }
  for (const Cell& c : cells)
    if (c.column >= window_start && c.column + c.width <= window_end) e.source += c.shown;
  if (window_end < total) e.source += "...";

  int caret = prefix + std::clamp(from, window_start, window_end) - window_start;
  int width = std::clamp(to, window_start, window_end) - std::clamp(from, window_start, window_end);
  e.underline.assign(static_cast<size_t>(caret), ' ');
  e.underline += '^';
  if (width > 1) e.underline.append(static_cast<size_t>(width - 1), '~');
  return e;
}

int display_column(std::string_view line, int byte_column, int tab_width) {
  std::vector<Cell> cells = layout(line, std::max(1, tab_width));
  int total = cells.empty() ? 0 : cells.back().column + cells.back().width;
  size_t byte = static_cast<size_t>(std::max(1, byte_column) - 1);
  size_t i = cell_at(cells, byte);
  if (i < cells.size()) return cells[i].column + 1;
  // Past the line (a span ending on its newline): one column per byte beyond.
  return total + static_cast<int>(byte - std::min(byte, line.size())) + 1;
}

std::string text_file_header(std::string_view file, size_t findings, const TextOptions& options) {
  std::string line =
      fmt::format("{} ({} finding{})", terminal_safe(file), findings, findings == 1 ? "" : "s");
  if (options.color) line = kBold + line + kReset;
  return line + "\n";
}

void write_text_findings(std::string& out, std::string_view text,
                         const std::vector<Finding>& findings, const TextOptions& options) {
  LineIndex lines(text);
  for (const Finding& f : findings) {
    DisplayRange r = display_range(lines, f.span);
    std::string location = fmt::format("{}:{}:{}:", terminal_safe(f.file), r.line, r.column);
    std::string severity(severity_name(f.severity));
    if (options.color) {
      out += fmt::format("{}{}{} {}{}{} {}{}{} {}\n", kBold, location, kReset,
                         severity_color(f.severity), severity, kReset, kBold, f.rule_id, kReset,
                         terminal_safe(f.message));
    } else {
      out += fmt::format("{} {} {} {}\n", location, severity, f.rule_id, terminal_safe(f.message));
    }

    // The span's first line: a span going on to later lines is underlined
    // to the end of this one.
    int line_no = std::clamp(f.span.start.line, 1, lines.line_count());
    std::string_view line = lines.line(line_no);
    int start = line_no == f.span.start.line ? f.span.start.column : 1;
    int end = f.span.end.line == line_no ? f.span.end.column : static_cast<int>(line.size()) + 1;
    Excerpt e = make_excerpt(line, start, end, options);

    std::string number = std::to_string(line_no);
    std::string pad(number.size(), ' ');
    if (options.color) {
      out += fmt::format(" {}{} |{} {}\n", kGutter, number, kReset, e.source);
      out += fmt::format(" {}{} |{} {}{}{}\n", kGutter, pad, kReset, severity_color(f.severity),
                         e.underline, kReset);
    } else {
      out += fmt::format(" {} | {}\n", number, e.source);
      out += fmt::format(" {} | {}\n", pad, e.underline);
    }
  }
}

void Tally::add(const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    int s = static_cast<int>(f.severity);
    if (s >= 0 && s < 4) ++by_severity[s];
    rules.insert(f.rule_id);
  }
}

int Tally::total() const {
  return by_severity[0] + by_severity[1] + by_severity[2] + by_severity[3];
}

std::string text_hint(const Tally& tally, const TextOptions& options) {
  if (tally.rules.empty()) return "";
  // Name a few rules: the hint is a pointer, not a second report.
  constexpr size_t kMaxNamed = 5;
  std::string line;
  if (tally.rules.size() == 1) {
    line = fmt::format("Run 'docker-doctor explain {}' for details.", *tally.rules.begin());
  } else {
    std::string named;
    size_t n = 0;
    for (const std::string& id : tally.rules) {
      if (n == kMaxNamed) break;
      named += n++ == 0 ? id : ", " + id;
    }
    if (tally.rules.size() > kMaxNamed)
      named += fmt::format(" and {} more", tally.rules.size() - kMaxNamed);
    line = fmt::format("Run 'docker-doctor explain RULE' for details on {}.", named);
  }
  // Dimmed on a terminal: a pointer, quieter than the findings above it.
  if (options.color) return "\x1b[2m" + line + "\x1b[0m\n";
  return line + "\n";
}

std::string text_summary(const Tally& tally, const TextOptions& options) {
  std::string files = fmt::format("{} file{}", tally.files, tally.files == 1 ? "" : "s");
  std::string line;
  if (tally.total() == 0) {
    line = "No findings in " + files;
  } else {
    // "info" and "style" are uncountable: "2 info", not "2 infos".
    static constexpr const char* kNames[4][2] = {
        {"error", "errors"}, {"warning", "warnings"}, {"info", "info"}, {"style", "style"}};
    std::string parts;
    for (int s = 0; s < 4; ++s) {
      int n = tally.by_severity[s];
      if (n == 0) continue;
      if (!parts.empty()) parts += ", ";
      parts += fmt::format("{} {}", n, kNames[s][n == 1 ? 0 : 1]);
    }
    line = fmt::format("{} finding{} ({}) in {}", tally.total(), tally.total() == 1 ? "" : "s",
                       parts, files);
  }
  if (options.color) line = kBold + line + kReset;
  return line + "\n";
}

}  // namespace dd
