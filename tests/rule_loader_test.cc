// Rule files: the built-in library loads cleanly, and every invalid rule in
// fixtures/invalid-rules/ produces exactly the error in its .error file.
#include "rules/rule_loader.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "archive_writer.h"
#include "rules/engine.h"

namespace kubesift {

TEST_CASE("the built-in rule library loads without errors", "[rules]") {
  RuleSet set = BuiltinRules();
  for (const Problem& e : set.errors) FAIL(FormatProblem(e));
  CHECK(set.rules.size() >= 6);
  CompiledRules compiled = CompiledRules::Compile(std::move(set));
  CHECK(compiled.errors().empty());
  REQUIRE(compiled.patterns());
}

TEST_CASE("each invalid rule gives its exact error", "[rules]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(KUBESIFT_SOURCE_DIR) / "fixtures" / "invalid-rules";
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    std::string name = entry.path().filename().string();
    std::string expected = testing::ReadFile(fs::path(entry.path()).replace_extension(".error"));
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    Rule rule;
    Problems errors;
    SECTION(name) {
      CHECK_FALSE(LoadRule(name, testing::ReadFile(entry.path()), &rule, &errors));
      REQUIRE(errors.size() == 1);
      CHECK(FormatProblem(errors[0]) == expected);
    }
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("a rule directory: duplicates are refused, overrides replace built-ins", "[rules]") {
  testing::TempDir dir;
  const char* rule =
      "id: %s\ntitle: t\nseverity: info\ncategory: c\nmatch:\n  kind: Pod\nmessage: m\nfix: f\n";
  auto text = [&](const std::string& id) {
    char buf[256];
    std::snprintf(buf, sizeof buf, rule, id.c_str());
    return std::string(buf);
  };
  testing::WriteFile(dir / "a/node-not-ready.yaml", text("node-not-ready"));
  testing::WriteFile(dir / "a/mine.yaml", text("mine"));
  testing::WriteFile(dir / "b/mine.yaml", text("mine"));
  RuleSet set = BuiltinRules();
  size_t builtin = set.rules.size();
  LoadRuleDirectory(dir.path(), &set);
  CHECK(set.rules.size() == builtin + 1);
  REQUIRE(set.errors.size() == 1);
  CHECK(set.errors[0].error.find("duplicate rule id 'mine'") != std::string::npos);
  auto it = std::find_if(set.rules.begin(), set.rules.end(),
                         [](const Rule& r) { return r.id == "node-not-ready"; });
  REQUIRE(it != set.rules.end());
  CHECK(it->severity == Severity::kInfo);  // the user's version won

  RuleSet missing;
  LoadRuleDirectory(dir / "nope", &missing);
  REQUIRE(missing.errors.size() == 1);
  CHECK(missing.errors[0].error == "not a directory of rules");
}

TEST_CASE("did you mean", "[rules]") {
  CHECK(DidYouMean("serverity", {"severity", "category"}) == "severity");
  CHECK(DidYouMean("zzz", {"severity", "category"}).empty());
}

}  // namespace kubesift
