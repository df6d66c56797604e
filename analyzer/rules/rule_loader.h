// Loading and validating rule files. Errors read like a compiler's:
//   rules/pods/oom.yaml:12: unknown field 'serverity' (did you mean 'severity'?)
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "problem.h"
#include "rules/rule.h"

namespace kubesift {

struct RuleSet {
  std::vector<Rule> rules;
  Problems errors;  // one per rule that could not be loaded (path, line, message)
};

// Parses one rule file's text. On error returns false and appends to `errors`.
bool LoadRule(const std::string& origin, const std::string& text, Rule* rule, Problems* errors);

// The library compiled into the binary.
RuleSet BuiltinRules();

// Every *.yaml under `dir`, recursively. Rules with an id already in `set` replace it.
void LoadRuleDirectory(const std::string& dir, RuleSet* set);

// "serverity" → "severity" among `candidates`, or "" when nothing is close.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

std::string FormatProblem(const Problem& p);

}  // namespace kubesift
