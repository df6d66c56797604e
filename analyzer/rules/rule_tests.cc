#include "rules/rule_tests.h"

#include <filesystem>
#include <map>
#include <memory>

#include "pipeline.h"

namespace kubesift {
namespace {

class FixtureCache {
 public:
  FixtureCache(const CompiledRules& rules, std::string dir) : rules_(rules), dir_(std::move(dir)) {}

  // The analysis of a fixture bundle, or null with `error` set.
  const Analysis* Get(const std::string& bundle, std::string* error) {
    auto it = cache_.find(bundle);
    if (it == cache_.end()) {
      auto analysis = std::make_unique<Analysis>();
      AnalyzeOptions options;
      options.bundle_path = (std::filesystem::path(dir_) / bundle).string();
      std::string e;
      if (!Analyze(options, rules_, analysis.get(), &e)) {
        errors_[bundle] = e;
        analysis.reset();
      }
      it = cache_.emplace(bundle, std::move(analysis)).first;
    }
    if (!it->second) *error = errors_[bundle];
    return it->second.get();
  }

 private:
  const CompiledRules& rules_;
  std::string dir_;
  std::map<std::string, std::unique_ptr<Analysis>> cache_;
  std::map<std::string, std::string> errors_;
};

bool HasEvidence(const Finding& f, const std::string& want) {
  for (const Evidence& e : f.evidence) {
    if (e.path + ":" + std::to_string(e.line) == want || e.path == want) return true;
  }
  return false;
}

std::string Describe(const std::vector<const Finding*>& findings) {
  std::string out;
  for (const Finding* f : findings) {
    out += "\n      found: " + f->subject.Display();
    for (const Evidence& e : f->evidence)
      out += "\n        " + e.path + ":" + std::to_string(e.line);
  }
  return out;
}

}  // namespace

RuleTestSummary RunRuleTests(const CompiledRules& rules, const std::string& fixtures_dir,
                             std::ostream& out) {
  RuleTestSummary summary;
  FixtureCache fixtures(rules, fixtures_dir);
  for (const Problem& e : rules.errors()) {
    out << "FAIL " << e.path << (e.line ? ":" + std::to_string(e.line) : "") << ": " << e.error
        << "\n";
    ++summary.failed;
  }
  for (const Rule& rule : rules.rules()) {
    bool fires = false, silent = false;
    std::string failures;
    for (const RuleTest& test : rule.tests) {
      (test.fires ? fires : silent) = true;
      std::string error;
      const Analysis* a = fixtures.Get(test.bundle, &error);
      if (!a) {
        failures += "\n    " + test.bundle + ": cannot analyse: " + error;
        continue;
      }
      std::vector<const Finding*> mine;
      for (const Finding& f : a->findings) {
        if (f.rule == rule.id) mine.push_back(&f);
      }
      if (!test.fires) {
        if (!mine.empty()) {
          failures += "\n    " + test.bundle + ": should stay silent but fired" + Describe(mine);
        }
        continue;
      }
      bool ok = false;
      for (const Finding* f : mine) {
        if (!test.subject.empty() && f->subject.Display() != test.subject) continue;
        if (!test.evidence.empty() && !HasEvidence(*f, test.evidence)) continue;
        ok = true;
      }
      if (!ok) {
        failures += "\n    " + test.bundle + ": should fire" +
                    (test.subject.empty() ? "" : " on " + test.subject) +
                    (test.evidence.empty() ? "" : " citing " + test.evidence) +
                    (mine.empty() ? " but did not fire" : " but found only:" + Describe(mine));
      }
    }
    if (!fires) failures += "\n    no test where the rule fires (add one under tests:)";
    if (!silent) failures += "\n    no test where the rule stays silent (add one under tests:)";
    if (failures.empty()) {
      out << "PASS " << rule.id << " (" << rule.tests.size() << " fixture"
          << (rule.tests.size() == 1 ? "" : "s") << ")\n";
      ++summary.passed;
    } else {
      out << "FAIL " << rule.id << " (" << rule.origin << ")" << failures << "\n";
      ++summary.failed;
    }
  }
  // Healthy fixtures: no rule may warn.
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(fixtures_dir, ec)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_directory() || !name.starts_with("healthy")) continue;
    std::string error;
    const Analysis* a = fixtures.Get(name, &error);
    if (!a) {
      out << "FAIL healthy fixture " << name << ": cannot analyse: " << error << "\n";
      ++summary.failed;
      continue;
    }
    std::string noise;
    for (const Finding& f : a->findings) {
      if (f.severity >= Severity::kWarning) noise += "\n    " + f.id;
    }
    if (!a->problems.empty())
      noise += "\n    " + std::to_string(a->problems.size()) + " bundle problems";
    if (noise.empty()) {
      out << "PASS healthy fixture " << name << " is silent\n";
      ++summary.passed;
    } else {
      out << "FAIL healthy fixture " << name << " raised:" << noise << "\n";
      ++summary.failed;
    }
  }
  out << summary.passed << " passed, " << summary.failed << " failed\n";
  return summary;
}

}  // namespace kubesift
