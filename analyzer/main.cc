// kubesift: the command line. Thin on purpose: parsing flags and choosing a writer; the work
// is in the library (pipeline.h is where to start reading).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "pipeline.h"
#include "report/report.h"
#include "rules/rule_loader.h"
#include "rules/rule_tests.h"

namespace kubesift {
namespace {

constexpr int kExitFindings = 1;
constexpr int kExitUnusable = 2;

CompiledRules LoadRules(const std::vector<std::string>& dirs, bool report_errors) {
  RuleSet set = BuiltinRules();
  for (const std::string& dir : dirs) LoadRuleDirectory(dir, &set);
  CompiledRules rules = CompiledRules::Compile(std::move(set));
  if (report_errors) {
    for (const Problem& e : rules.errors()) {
      std::fprintf(stderr, "kubesift: rule skipped: %s\n", FormatProblem(e).c_str());
    }
  }
  return rules;
}

bool WriteOutput(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0;
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "kubesift: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

struct AnalyzeFlags {
  std::string bundle;
  std::string format = "markdown";
  std::string output;
  std::vector<std::string> rule_dirs;
  std::string fail_on = "never";
  bool stats = false;
  uint64_t max_entry_bytes = 0;
};

int RunAnalyze(const AnalyzeFlags& flags) {
  CompiledRules rules = LoadRules(flags.rule_dirs, true);
  AnalyzeOptions options;
  options.bundle_path = flags.bundle;
  options.progress = isatty(STDERR_FILENO) != 0;
  if (flags.max_entry_bytes) options.read_limits.max_entry_bytes = flags.max_entry_bytes;
  Analysis analysis;
  std::string error;
  if (!Analyze(options, rules, &analysis, &error)) {
    std::fprintf(stderr, "kubesift: %s\n", error.c_str());
    return kExitUnusable;
  }
  // Rules that failed to load are part of what was skipped.
  for (const Problem& e : rules.errors()) analysis.problems.push_back(e);
  auto start = std::chrono::steady_clock::now();
  std::string text = flags.format == "json" ? WriteJson(analysis) : WriteMarkdown(analysis);
  analysis.times.report_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!WriteOutput(text, flags.output)) return kExitUnusable;
  if (flags.stats) std::fputs(WriteStats(analysis).c_str(), stderr);
  if (flags.fail_on != "never") {
    Severity threshold;
    ParseSeverity(flags.fail_on, &threshold);
    for (const Finding& f : analysis.findings) {
      if (f.severity >= threshold) return kExitFindings;
    }
  }
  return 0;
}

int RunRulesList(const std::vector<std::string>& dirs) {
  CompiledRules rules = LoadRules(dirs, true);
  std::vector<const Rule*> sorted;
  for (const Rule& r : rules.rules()) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(), [](const Rule* a, const Rule* b) {
    return std::tie(a->category, a->id) < std::tie(b->category, b->id);
  });
  size_t width = 0;
  for (const Rule* r : sorted) width = std::max(width, r->id.size());
  for (const Rule* r : sorted) {
    std::printf("%-*s  %-8s  %-10s  %s\n", static_cast<int>(width), r->id.c_str(),
                std::string(SeverityName(r->severity)).c_str(), r->category.c_str(),
                r->title.c_str());
  }
  std::printf("%zu rules\n", sorted.size());
  return rules.errors().empty() ? 0 : kExitUnusable;
}

int RunRulesTest(const std::vector<std::string>& dirs, const std::string& fixtures) {
  CompiledRules rules = LoadRules(dirs, false);
  RuleTestSummary s = RunRuleTests(rules, fixtures, std::cout);
  return s.failed == 0 ? 0 : kExitFindings;
}

int RunExplain(const std::vector<std::string>& dirs, const std::string& id) {
  CompiledRules rules = LoadRules(dirs, true);
  const Rule* r = rules.Find(id);
  if (!r) {
    std::vector<std::string> ids;
    for (const Rule& rule : rules.rules()) ids.push_back(rule.id);
    std::string hint = DidYouMean(id, ids);
    std::fprintf(stderr, "kubesift: no rule '%s'%s\n", id.c_str(),
                 hint.empty() ? "" : (" (did you mean '" + hint + "'?)").c_str());
    return kExitUnusable;
  }
  std::printf("%s: %s\n\nseverity: %s\ncategory: %s\n", r->id.c_str(), r->title.c_str(),
              std::string(SeverityName(r->severity)).c_str(), r->category.c_str());
  if (!r->why.empty()) std::printf("\nWHY IT MATTERS\n%s\n", r->why.c_str());
  std::printf("\nFIX\n%s\n", r->fix.c_str());
  if (!r->references.empty()) {
    std::printf("\nREFERENCES\n");
    for (const std::string& ref : r->references) std::printf("  %s\n", ref.c_str());
  }
  if (!r->explains.empty()) {
    std::printf("\nEXPLAINS\n");
    for (const std::string& e : r->explains) std::printf("  %s\n", e.c_str());
  }
  std::printf("\nSOURCE\n  %s\n", r->origin.c_str());
  return 0;
}

int Main(int argc, char** argv) {
  CLI::App app{
      "kubesift: troubleshoot a Kubernetes cluster offline, from a support bundle.\n"
      "\nExample:\n  kubesift analyze bundle.tar.gz > report.md\n"};
  app.set_version_flag("--version", std::string("kubesift ") + kVersion);
  app.require_subcommand(1);

  AnalyzeFlags flags;
  auto* analyze = app.add_subcommand(
      "analyze", "Analyze a bundle (.tar.gz, .tgz, .tar.zst, .tar, .zip or a directory)");
  analyze->footer(
      "Examples:\n  kubesift analyze bundle.tar.gz\n"
      "  kubesift analyze bundle.tar.gz --format json -o report.json --fail-on critical\n"
      "\nExit codes: 0 analysed; 1 a finding at or above --fail-on; 2 not analysable.");
  analyze->add_option("BUNDLE", flags.bundle, "The bundle")->required();
  analyze->add_option("--format", flags.format, "Report format")
      ->check(CLI::IsMember({"markdown", "json"}))
      ->capture_default_str();
  analyze->add_option("-o,--output", flags.output, "Write the report to FILE (default: stdout)");
  analyze->add_option("--rules", flags.rule_dirs, "Add or override rules from DIR (repeatable)")
      ->allow_extra_args(false);
  analyze->add_option("--fail-on", flags.fail_on, "Exit 1 when a finding is at least this severe")
      ->check(CLI::IsMember({"critical", "warning", "info", "never"}))
      ->capture_default_str();
  analyze->add_flag("--stats", flags.stats, "Print per-stage time and bytes on stderr");
  analyze->add_option("--max-entry-bytes", flags.max_entry_bytes,
                      "Read at most this many bytes of any one bundle entry");

  auto* rules_cmd = app.add_subcommand("rules", "List or test rules");
  rules_cmd->require_subcommand(1);
  std::vector<std::string> list_dirs, test_dirs, explain_dirs;
  auto* list = rules_cmd->add_subcommand("list", "List the rules (id, severity, category, title)");
  list->add_option("--rules", list_dirs, "Add or override rules from DIR (repeatable)")
      ->allow_extra_args(false);
  list->footer("Example:\n  kubesift rules list --rules ./my-rules");
  std::string fixtures = "fixtures";
  auto* test = rules_cmd->add_subcommand("test", "Test every rule against its fixture bundles");
  test->add_option("--rules", test_dirs, "Add or override rules from DIR (repeatable)")
      ->allow_extra_args(false);
  test->add_option("FIXTURES_DIR", fixtures, "Folder of fixture bundles")->capture_default_str();
  test->footer("Example:\n  kubesift rules test --rules ./my-rules ./my-fixtures");

  std::string rule_id;
  auto* explain = app.add_subcommand("explain", "Explain a rule: why it matters and the fix");
  explain->add_option("RULE-ID", rule_id, "The rule")->required();
  explain->add_option("--rules", explain_dirs, "Add or override rules from DIR (repeatable)")
      ->allow_extra_args(false);
  explain->footer("Example:\n  kubesift explain node-swap-enabled");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUnusable;
  }
  if (analyze->parsed()) return RunAnalyze(flags);
  if (list->parsed()) return RunRulesList(list_dirs);
  if (test->parsed()) return RunRulesTest(test_dirs, fixtures);
  if (explain->parsed()) return RunExplain(explain_dirs, rule_id);
  return kExitUnusable;
}

}  // namespace
}  // namespace kubesift

int main(int argc, char** argv) {
  try {
    return kubesift::Main(argc, argv);
  } catch (const std::exception& e) {
    // Bad input never gets here (it is a Problem); this is running out of memory and the like.
    std::fprintf(stderr, "kubesift: %s\n", e.what());
    return 2;
  }
}
