// A rule, as loaded from its YAML file. Rules are data: the engine knows nothing of any one
// failure mode except the few relations no field condition can express (built-in checks, named
// by `check:`), and those are still described, listed and tested through a rule file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/finding.h"
#include "rules/condition.h"
#include "scan/scanner.h"

namespace kubesift {

struct RuleMatch {
  std::string kind;
  std::optional<Path> each;  // evaluate `where` once per element; `item.` paths refer to it
  Condition where;           // an implicit all:
};

struct RulePattern {
  PatternSpec spec;
  uint32_t line = 0;
};

// A fixture the rule is tested against: it must fire (on `subject`, citing `evidence`) or
// stay silent.
struct RuleTest {
  std::string bundle;  // folder under the fixtures directory
  bool fires = true;
  std::string subject;   // "Pod shop/cart-6f7c9d4b8-x2x9q"; "" = any subject
  std::string evidence;  // "resources/pods.yaml:211"; "" = not checked
  uint32_t line = 0;
};

struct Rule {
  std::string id;
  std::string title;
  Severity severity = Severity::kWarning;
  std::string category;
  std::string message;  // template: {path}, {item.path} and the names in docs/rules.md
  std::string why;
  std::string fix;
  std::vector<std::string> references;
  std::vector<std::string> explains;
  std::optional<RuleMatch> match;
  std::vector<RulePattern> patterns;
  uint32_t min_count = 1;  // pattern hits needed on one subject
  std::string check;       // built-in check name
  std::vector<RuleTest> tests;
  std::string origin;  // the rule file, as the user named it
  uint32_t line = 1;
};

}  // namespace kubesift
