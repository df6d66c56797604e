// The condition language of rule files: paths into an object, tests on the values found there,
// and all/any/not to combine them. Small on purpose: a rule reads like the kubectl output it
// is written against. docs/rules.md explains the choices.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "resources/document.h"

struct hs_database;
struct hs_scratch;

namespace kubesift {

// One step of a path: a map key, every element of a sequence ([*]), one element ([2]), or the
// elements whose field has a value ([type=Ready]).
struct PathStep {
  enum class Type { kKey, kEach, kIndex, kFilter } type = Type::kKey;
  std::string key;    // kKey: the key; kFilter: the field compared
  std::string value;  // kFilter: the value it must have
  size_t index = 0;
};

struct Path {
  bool from_item = false;  // starts with `item.`: relative to the element `each` names
  std::vector<PathStep> steps;
  std::string text;  // as written, for messages
};

// Parses `status.containerStatuses[*].state.waiting.reason`, `metadata.labels["app"]`,
// `status.conditions[type=Ready].status`, `item.name`. Returns false with `error` set.
bool ParsePath(std::string_view text, Path* out, std::string* error);

// Every node the path reaches from `root` (or `item`).
void Resolve(const Path& path, NodeRef root, NodeRef item, std::vector<NodeRef>* out);

// A compiled Hyperscan pattern for `matches:`; shared by every evaluation of the rule.
class FieldRegex {
 public:
  ~FieldRegex();
  static std::unique_ptr<FieldRegex> Compile(const std::string& regex, std::string* error);
  bool Matches(std::string_view text) const;

 private:
  hs_database* database_ = nullptr;
  mutable hs_scratch* scratch_ = nullptr;  // evaluation is single-threaded per rule set
};

struct EvalContext {
  NodeRef object;
  NodeRef item;
  double now = 0;  // collection time, seconds since the epoch, for age tests
};

struct Condition {
  enum class Op {
    kAll,
    kAny,
    kNot,  // combinators over `children`
    kEquals,
    kIn,
    kNotIn,
    kExists,
    kMatches,
    kContains,
    kEmpty,
    kGt,
    kGe,
    kLt,
    kLe,
    kOlderThan,
    kNewerThan,
  } op = Op::kAll;
  Path path;
  std::vector<std::string> values;  // kEquals (one), kIn/kNotIn, kContains (one)
  bool flag = true;                 // kExists, kEmpty
  double number = 0;                // comparisons; seconds for kOlderThan/kNewerThan
  std::optional<Path> other;        // comparisons against another field: `lt: "@spec.replicas"`
  std::shared_ptr<FieldRegex> regex;
  std::vector<Condition> children;
  uint32_t line = 0;  // in the rule file, for messages

  // True when the condition holds; the nodes that made a leaf true are appended to `witnesses`.
  bool Evaluate(const EvalContext& ctx, std::vector<NodeRef>* witnesses) const;
};

// Kubernetes quantities ("128Mi", "500m", "2") and plain numbers; nullopt when not numeric.
std::optional<double> ParseQuantity(std::string_view text);
// RFC 3339 timestamps ("2026-11-28T10:15:00Z", with fraction or offset) in epoch seconds.
std::optional<double> ParseTimestamp(std::string_view text);
// Durations "90s", "10m", "6h", "7d", "1h30m".
std::optional<double> ParseDuration(std::string_view text);

}  // namespace kubesift
