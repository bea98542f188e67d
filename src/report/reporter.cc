// The table of output formats: see reporter.h.
#include "report/reporter.h"

#include "report/checkstyle_reporter.h"
#include "report/codeclimate_reporter.h"
#include "report/github_reporter.h"
#include "report/gnu_reporter.h"
#include "report/json_reporter.h"
#include "report/sarif_reporter.h"

namespace dd {

namespace {

class TextFormat : public Reporter {
 public:
  explicit TextFormat(const TextOptions& options) : options_(options) {}
  std::string add_file(std::string_view text, const std::vector<Finding>& findings) override {
    if (findings.empty()) return "";
    std::string out = text_file_header(findings.front().file, findings.size(), options_);
    write_text_findings(out, text, findings, options_);
    return out + "\n";
  }
  std::string finish(const Tally& tally) override {
    return text_summary(tally, options_) + text_hint(tally, options_);
  }

 private:
  TextOptions options_;
};

// Line formats print as they go and have nothing to close.
template <void (*Write)(std::string&, std::string_view, const std::vector<Finding>&)>
class LineFormat : public Reporter {
 public:
  std::string add_file(std::string_view text, const std::vector<Finding>& findings) override {
    std::string out;
    Write(out, text, findings);
    return out;
  }
  std::string finish(const Tally&) override { return ""; }
};

// Document formats collect every file and print once.
template <typename Document>
class DocumentFormat : public Reporter {
 public:
  std::string add_file(std::string_view text, const std::vector<Finding>& findings) override {
    document_.add_file(text, findings);
    return "";
  }
  std::string finish(const Tally&) override { return document_.render(); }

 private:
  Document document_;
};

}  // namespace

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> formats = {"text", "json",       "sarif",       "github",
                                                   "gnu",  "checkstyle", "codeclimate", "gitlab"};
  return formats;
}

std::unique_ptr<Reporter> make_reporter(std::string_view format, const TextOptions& text) {
  if (format == "text") return std::make_unique<TextFormat>(text);
  if (format == "json") return std::make_unique<DocumentFormat<JsonReporter>>();
  if (format == "sarif") return std::make_unique<DocumentFormat<SarifReporter>>();
  if (format == "github") return std::make_unique<LineFormat<write_github_findings>>();
  if (format == "gnu") return std::make_unique<LineFormat<write_gnu_findings>>();
  if (format == "checkstyle") return std::make_unique<DocumentFormat<CheckstyleReporter>>();
  // GitLab's Code Quality report is Code Climate's issue format.
  if (format == "codeclimate" || format == "gitlab")
    return std::make_unique<DocumentFormat<CodeClimateReporter>>();
  return nullptr;
}

}  // namespace dd
