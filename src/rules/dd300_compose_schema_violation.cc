// DD300 compose-schema-violation (rules/DD300.md): the loader's schema errors, as findings.
#include "rules/compose_check.h"

namespace dd {

void check_dd300(ComposeCheckContext& ctx) {
  for (const compose::Diagnostic& d : ctx.project().diagnostics)
    if (d.kind == compose::Diagnostic::Kind::SchemaViolation) ctx.report(d.loc, d.message);
}

}  // namespace dd
