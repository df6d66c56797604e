// `kubesift rules test`: every rule against the fixture bundles its file names. A rule passes
// when it fires where its tests say it fires (on the named subject, citing the named evidence)
// and stays silent where they say it is silent; a rule without both kinds of test fails, and so
// does any warning or critical finding on a bundle whose folder name starts with "healthy".
#pragma once

#include <ostream>
#include <string>

#include "rules/engine.h"

namespace kubesift {

struct RuleTestSummary {
  int passed = 0;
  int failed = 0;
};

RuleTestSummary RunRuleTests(const CompiledRules& rules, const std::string& fixtures_dir,
                             std::ostream& out);

}  // namespace kubesift
