// DD306 compose-variable-unset (rules/DD306.md): unset and missing required variables, as findings.
#include "rules/compose_check.h"

namespace dd {

void check_dd306(ComposeCheckContext& ctx) {
  for (const compose::Diagnostic& d : ctx.project().diagnostics)
    if (d.kind == compose::Diagnostic::Kind::VariableUnset ||
        d.kind == compose::Diagnostic::Kind::VariableError)
      ctx.report(d.loc, d.message);
}

}  // namespace dd
