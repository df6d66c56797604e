#include "rules/rule_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "rules/builtin_rules.h"
#include "scan/scanner.h"

namespace kubesift {
namespace {

const std::vector<std::string> kRuleFields = {
    "id",    "title",   "severity", "category", "match",      "patterns", "min_count",
    "check", "message", "why",      "fix",      "references", "explains", "tests"};
const std::vector<std::string> kMatchFields = {"kind", "each", "where"};
const std::vector<std::string> kPatternFields = {"regex", "sources", "caseless"};
const std::vector<std::string> kTestFields = {"bundle", "fires", "silent", "subject", "evidence"};
const std::vector<std::string> kOps = {"equals",   "in",         "not_in",    "exists", "matches",
                                       "contains", "empty",      "gt",        "ge",     "lt",
                                       "le",       "older_than", "newer_than"};
const std::vector<std::string> kSourceNames = {"pod-log", "previous-log", "journal", "journal:UNIT",
                                               "host",    "host:FACT",    "event"};

// yaml-cpp reports problems by exception; inside this file they become LoadError values.
struct LoadError {
  uint32_t line;
  std::string message;
};

uint32_t LineOf(const YAML::Node& node) {
  return node.Mark().line >= 0 ? static_cast<uint32_t>(node.Mark().line + 1) : 0;
}

[[noreturn]] void Fail(const YAML::Node& node, std::string message) {
  throw LoadError{LineOf(node), std::move(message)};
}

void CheckFields(const YAML::Node& map, const std::vector<std::string>& allowed,
                 std::string_view what) {
  if (!map.IsMap()) Fail(map, std::string(what) + " must be a map");
  for (const auto& kv : map) {
    std::string key = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string hint = DidYouMean(key, allowed);
    Fail(kv.first, "unknown field '" + key + "'" +
                       (what == "rule" ? "" : " in " + std::string(what)) +
                       (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
  }
}

std::string Scalar(const YAML::Node& node, std::string_view field) {
  if (!node.IsScalar()) Fail(node, "'" + std::string(field) + "' must be a single value");
  return node.as<std::string>();
}

std::vector<std::string> StringList(const YAML::Node& node, std::string_view field) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.as<std::string>());
  } else if (node.IsSequence()) {
    for (const auto& item : node) out.push_back(Scalar(item, field));
  } else {
    Fail(node, "'" + std::string(field) + "' must be a value or a list of values");
  }
  return out;
}

Path ParsePathAt(const YAML::Node& node, const std::string& text) {
  Path path;
  std::string error;
  if (!ParsePath(text, &path, &error)) Fail(node, error);
  return path;
}

Condition ParseCondition(const YAML::Node& node, bool in_each);

Condition ParseAll(const YAML::Node& list, bool in_each, Condition::Op op) {
  Condition c;
  c.op = op;
  c.line = LineOf(list);
  if (list.IsSequence()) {
    for (const auto& item : list) c.children.push_back(ParseCondition(item, in_each));
  } else {
    c.children.push_back(ParseCondition(list, in_each));
  }
  if (c.children.empty()) Fail(list, "an empty list of conditions");
  return c;
}

Condition Leaf(const Path& path, Condition::Op op, uint32_t line) {
  Condition c;
  c.op = op;
  c.path = path;
  c.line = line;
  return c;
}

Condition ParseOps(const Path& path, const YAML::Node& value, bool in_each) {
  uint32_t line = LineOf(value);
  if (value.IsScalar()) {
    Condition c = Leaf(path, Condition::Op::kEquals, line);
    c.values.push_back(value.as<std::string>());
    return c;
  }
  if (value.IsSequence()) {
    Condition c = Leaf(path, Condition::Op::kIn, line);
    c.values = StringList(value, "in");
    return c;
  }
  if (!value.IsMap() || value.size() == 0) Fail(value, "expected a value, a list or operators");
  Condition all;
  all.op = Condition::Op::kAll;
  all.line = line;
  for (const auto& kv : value) {
    std::string op = kv.first.as<std::string>();
    const YAML::Node& arg = kv.second;
    Condition c = Leaf(path, Condition::Op::kEquals, LineOf(kv.first));
    if (op == "equals") {
      c.values.push_back(Scalar(arg, op));
    } else if (op == "in" || op == "not_in") {
      c.op = op == "in" ? Condition::Op::kIn : Condition::Op::kNotIn;
      c.values = StringList(arg, op);
    } else if (op == "exists" || op == "empty") {
      c.op = op == "exists" ? Condition::Op::kExists : Condition::Op::kEmpty;
      std::string v = Scalar(arg, op);
      if (v != "true" && v != "false") Fail(arg, "'" + op + "' takes true or false");
      c.flag = v == "true";
    } else if (op == "matches") {
      c.op = Condition::Op::kMatches;
      std::string error;
      c.regex = FieldRegex::Compile(Scalar(arg, op), &error);
      if (!c.regex) Fail(arg, "pattern '" + arg.as<std::string>() + "' does not compile: " + error);
    } else if (op == "contains") {
      c.op = Condition::Op::kContains;
      c.values.push_back(Scalar(arg, op));
    } else if (op == "gt" || op == "ge" || op == "lt" || op == "le") {
      c.op = op == "gt"   ? Condition::Op::kGt
             : op == "ge" ? Condition::Op::kGe
             : op == "lt" ? Condition::Op::kLt
                          : Condition::Op::kLe;
      std::string text = Scalar(arg, op);
      if (text.starts_with("@")) {
        c.other = ParsePathAt(arg, text.substr(1));
        if (c.other->from_item && !in_each) Fail(arg, "'item.' paths need 'each:' in the match");
      } else {
        auto n = ParseQuantity(text);
        if (!n) Fail(arg, "'" + op + "' takes a number, a quantity like 128Mi, or @path");
        c.number = *n;
      }
    } else if (op == "older_than" || op == "newer_than") {
      c.op = op == "older_than" ? Condition::Op::kOlderThan : Condition::Op::kNewerThan;
      auto d = ParseDuration(Scalar(arg, op));
      if (!d) Fail(arg, "'" + op + "' takes a duration like 10m, 6h or 7d");
      c.number = *d;
    } else {
      std::string hint = DidYouMean(op, kOps);
      Fail(kv.first, "unknown operator '" + op + "'" +
                         (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
    }
    all.children.push_back(std::move(c));
  }
  return all.children.size() == 1 ? std::move(all.children.front()) : all;
}

Condition ParseCondition(const YAML::Node& node, bool in_each) {
  if (!node.IsMap() || node.size() != 1) {
    Fail(node, "a condition is one 'path: test' pair, or all:/any:/not:");
  }
  auto kv = *node.begin();
  std::string key = kv.first.as<std::string>();
  if (key == "all") return ParseAll(kv.second, in_each, Condition::Op::kAll);
  if (key == "any") return ParseAll(kv.second, in_each, Condition::Op::kAny);
  if (key == "not") {
    Condition c;
    c.op = Condition::Op::kNot;
    c.line = LineOf(kv.first);
    c.children.push_back(kv.second.IsSequence() ? ParseAll(kv.second, in_each, Condition::Op::kAll)
                                                : ParseCondition(kv.second, in_each));
    return c;
  }
  Path path = ParsePathAt(kv.first, key);
  if (path.from_item && !in_each) Fail(kv.first, "'item.' paths need 'each:' in the match");
  return ParseOps(path, kv.second, in_each);
}

RuleMatch ParseMatch(const YAML::Node& node) {
  CheckFields(node, kMatchFields, "match");
  RuleMatch m;
  if (!node["kind"]) Fail(node, "match needs a 'kind'");
  m.kind = Scalar(node["kind"], "kind");
  if (node["each"]) m.each = ParsePathAt(node["each"], Scalar(node["each"], "each"));
  m.where.op = Condition::Op::kAll;
  m.where.line = LineOf(node);
  if (node["where"]) {
    if (!node["where"].IsSequence()) Fail(node["where"], "'where' must be a list of conditions");
    for (const auto& c : node["where"]) {
      m.where.children.push_back(ParseCondition(c, m.each.has_value()));
    }
  }
  return m;
}

RulePattern ParsePattern(const YAML::Node& node) {
  RulePattern p;
  p.line = LineOf(node);
  if (node.IsScalar()) {
    p.spec.regex = node.as<std::string>();
  } else {
    CheckFields(node, kPatternFields, "pattern");
    if (!node["regex"]) Fail(node, "a pattern needs a 'regex'");
    p.spec.regex = Scalar(node["regex"], "regex");
    if (node["caseless"]) p.spec.caseless = node["caseless"].as<bool>();
    if (node["sources"]) {
      const YAML::Node& sources = node["sources"];
      std::vector<YAML::Node> items;
      if (sources.IsSequence()) {
        for (const auto& s : sources) items.push_back(s);
      } else {
        items.push_back(sources);
      }
      for (const YAML::Node& s : items) {
        SourceFilter f;
        std::string text = Scalar(s, "sources");
        if (!ParseSourceFilter(text, &f)) {
          std::string hint = DidYouMean(text.substr(0, text.find(':')), kSourceNames);
          Fail(s, "unknown source '" + text + "'" +
                      (hint.empty() ? "" : " (did you mean '" + hint + "'?)"));
        }
        p.spec.sources.push_back(f);
      }
    }
  }
  std::string error;
  if (!PatternDatabase::Check(p.spec, &error)) {
    Fail(node, "pattern '" + p.spec.regex + "' does not compile: " + error);
  }
  return p;
}

RuleTest ParseTest(const YAML::Node& node) {
  CheckFields(node, kTestFields, "test");
  RuleTest t;
  t.line = LineOf(node);
  if (!node["bundle"]) Fail(node, "a test needs a 'bundle'");
  t.bundle = Scalar(node["bundle"], "bundle");
  if (node["fires"] && node["silent"]) Fail(node, "a test either fires or is silent");
  if (node["silent"]) {
    t.fires = false;
    if (node["subject"] || node["evidence"]) Fail(node, "a silent test names no subject");
  } else if (!node["fires"]) {
    Fail(node, "a test says 'fires: true' or 'silent: true'");
  }
  if (node["subject"]) t.subject = Scalar(node["subject"], "subject");
  if (node["evidence"]) t.evidence = Scalar(node["evidence"], "evidence");
  return t;
}

void ParseRule(const YAML::Node& root, Rule* rule) {
  if (!root.IsMap()) Fail(root, "a rule file holds one map");
  CheckFields(root, kRuleFields, "rule");
  for (const char* required : {"id", "title", "severity", "category", "message", "fix"}) {
    if (!root[required]) Fail(root, std::string("missing required field '") + required + "'");
  }
  rule->line = LineOf(root);
  rule->id = Scalar(root["id"], "id");
  rule->title = Scalar(root["title"], "title");
  std::string severity = Scalar(root["severity"], "severity");
  if (!ParseSeverity(severity, &rule->severity)) {
    Fail(root["severity"], "severity '" + severity + "' is not critical, warning or info");
  }
  rule->category = Scalar(root["category"], "category");
  rule->message = Scalar(root["message"], "message");
  rule->fix = Scalar(root["fix"], "fix");
  if (root["why"]) rule->why = Scalar(root["why"], "why");
  if (root["references"]) rule->references = StringList(root["references"], "references");
  if (root["explains"]) rule->explains = StringList(root["explains"], "explains");
  if (root["match"]) rule->match = ParseMatch(root["match"]);
  if (root["patterns"]) {
    if (!root["patterns"].IsSequence()) Fail(root["patterns"], "'patterns' must be a list");
    for (const auto& p : root["patterns"]) rule->patterns.push_back(ParsePattern(p));
  }
  if (root["min_count"]) {
    rule->min_count = root["min_count"].as<uint32_t>();
    if (rule->min_count == 0) Fail(root["min_count"], "'min_count' must be at least 1");
  }
  if (root["check"]) rule->check = Scalar(root["check"], "check");
  if (!rule->match && rule->patterns.empty() && rule->check.empty()) {
    Fail(root, "a rule needs 'match', 'patterns' or 'check'");
  }
  if (root["tests"]) {
    if (!root["tests"].IsSequence()) Fail(root["tests"], "'tests' must be a list");
    for (const auto& t : root["tests"]) rule->tests.push_back(ParseTest(t));
  }
}

}  // namespace

std::string FormatProblem(const Problem& p) {
  std::string out = p.path.empty() ? "bundle" : p.path;
  if (p.line) out += ":" + std::to_string(p.line);
  if (p.column) out += ":" + std::to_string(p.column);
  return out + ": " + p.error;
}

bool LoadRule(const std::string& origin, const std::string& text, Rule* rule, Problems* errors) {
  rule->origin = origin;
  try {
    YAML::Node root = YAML::Load(text);
    ParseRule(root, rule);
    std::string stem = std::filesystem::path(origin).stem().string();
    if (stem != rule->id) {
      throw LoadError{LineOf(root["id"]),
                      "rule id '" + rule->id + "' differs from its file name '" + stem + "'"};
    }
    return true;
  } catch (const LoadError& e) {
    errors->push_back({origin, e.line, 0, e.message});
  } catch (const YAML::Exception& e) {
    errors->push_back({origin, static_cast<uint32_t>(e.mark.line + 1),
                       static_cast<uint32_t>(e.mark.column + 1), "YAML: " + e.msg});
  }
  return false;
}

RuleSet BuiltinRules() {
  RuleSet set;
  for (size_t i = 0; i < kEmbeddedRuleCount; ++i) {
    Rule rule;
    if (LoadRule(std::string(kEmbeddedRules[i].path), std::string(kEmbeddedRules[i].text), &rule,
                 &set.errors)) {
      set.rules.push_back(std::move(rule));
    }
  }
  return set;
}

void LoadRuleDirectory(const std::string& dir, RuleSet* set) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    set->errors.push_back({dir, 0, 0, "not a directory of rules"});
    return;
  }
  std::vector<fs::path> files;
  std::error_code file_ec;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(file_ec) &&
        (it->path().extension() == ".yaml" || it->path().extension() == ".yml")) {
      files.push_back(it->path());
    }
  }
  if (ec) set->errors.push_back({dir, 0, 0, "listing rules: " + ec.message()});
  std::sort(files.begin(), files.end());
  std::map<std::string, std::string> seen;  // id → origin, within this directory
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Rule rule;
    if (!LoadRule(file.string(), text.str(), &rule, &set->errors)) continue;
    if (auto it = seen.find(rule.id); it != seen.end()) {
      set->errors.push_back({file.string(), rule.line, 0,
                             "duplicate rule id '" + rule.id + "' (also in " + it->second + ")"});
      continue;
    }
    seen[rule.id] = file.string();
    auto existing = std::find_if(set->rules.begin(), set->rules.end(),
                                 [&](const Rule& r) { return r.id == rule.id; });
    if (existing != set->rules.end()) {
      *existing = std::move(rule);  // a user's rule overrides the built-in one
    } else {
      set->rules.push_back(std::move(rule));
    }
  }
}

std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t prev = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        size_t cur = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] != b[j - 1] ? 1u : 0u)});
        prev = cur;
      }
    }
    return row[b.size()];
  };
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const std::string& c : candidates) {
    size_t d = distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace kubesift
