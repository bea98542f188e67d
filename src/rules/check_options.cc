// CheckContext::option_words (check.h): configuration first, then the
// documented default, so a rule never needs to know where a value came from.
#include "rules/check.h"
#include "rules/doc_options.h"

namespace dd {

const std::vector<std::string>& CheckContext::option_words(std::string_view option) const {
  if (options_) {
    auto rule = options_->rule_options.find(std::string(rule_id_));
    if (rule != options_->rule_options.end()) {
      auto it = rule->second.find(std::string(option));
      if (it != rule->second.end()) return it->second;
    }
    auto policy = options_->policy.find(std::string(option));
    if (policy != options_->policy.end()) return policy->second;
  }
  return rules::rule_option_words(rule_id_, option);
}

}  // namespace dd
