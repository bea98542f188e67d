// DD000 parse-error (rules/DD000.md): the parser's errors, as findings.
#include "rules/check.h"

namespace dd {

void check_dd000(CheckContext& ctx) {
  for (const ParseError& e : ctx.dockerfile().errors) ctx.report(e.span, e.message);
}

}  // namespace dd
