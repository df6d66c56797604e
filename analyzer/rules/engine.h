// The rule engine: compile once, evaluate many. `CompiledRules` holds the rules and the one
// Hyperscan database of all their patterns; `Evaluate` is a pure function of the index, the
// text hits and the rules — no I/O — so tests can drive it with an index built in memory.
#pragma once

#include <memory>
#include <vector>

#include "graph/object_graph.h"
#include "problem.h"
#include "report/finding.h"
#include "resources/index.h"
#include "rules/rule.h"
#include "rules/rule_loader.h"
#include "scan/scanner.h"

namespace kubesift {

class CompiledRules {
 public:
  // Rules whose patterns do not compile are dropped with an error naming file and line.
  static CompiledRules Compile(RuleSet set);

  const std::vector<Rule>& rules() const { return rules_; }
  const Problems& errors() const { return errors_; }
  const PatternDatabase* patterns() const { return patterns_.get(); }
  const Rule& RuleOfPattern(uint32_t pattern) const { return rules_[pattern_rule_[pattern]]; }
  const Rule* Find(std::string_view id) const;

 private:
  std::vector<Rule> rules_;
  Problems errors_;
  std::unique_ptr<PatternDatabase> patterns_;
  std::vector<uint32_t> pattern_rule_;
};

struct EvaluationStats {
  size_t rules = 0, resource_matches = 0, text_hits = 0, event_messages_scanned = 0;
};

// `now` is the collection time (epoch seconds), the reference for ages.
std::vector<Finding> Evaluate(const Index& index, const ObjectGraph& graph, const HitTable& hits,
                              const CompiledRules& rules, double now,
                              EvaluationStats* stats = nullptr);

}  // namespace kubesift
