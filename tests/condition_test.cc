// The rule condition language on real parsed objects.
#include "rules/condition.h"

#include <catch2/catch.hpp>

#include "resources/resource_file.h"

namespace kubesift {
namespace {

const char* kPod = R"(kind: Pod
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
  creationTimestamp: "2026-11-20T10:00:00Z"
spec:
  containers:
  - name: app
    resources:
      limits:
        memory: 128Mi
status:
  conditions:
  - type: Ready
    status: "False"
  - type: PodScheduled
    status: "True"
  containerStatuses:
  - name: app
    restartCount: 7
    lastState:
      terminated:
        reason: OOMKilled
        exitCode: 137
)";

struct Fixture {
  ParsedResources parsed;
  NodeRef pod;
  Fixture() {
    std::string text = kPod;
    text.reserve(text.size() + 64);
    ParseResourceText("pods.yaml", text, "", ParseLimits{}, &parsed);
    pod = parsed.objects.at(0).node;
  }
};

Condition Leaf(const std::string& path, Condition::Op op, std::vector<std::string> values = {},
               double number = 0) {
  Condition c;
  std::string error;
  REQUIRE(ParsePath(path, &c.path, &error));
  c.op = op;
  c.values = std::move(values);
  c.number = number;
  return c;
}

bool Holds(const Condition& c, NodeRef obj, double now = 0) {
  std::vector<NodeRef> witnesses;
  return c.Evaluate(EvalContext{obj, NodeRef(), now}, &witnesses);
}

}  // namespace

TEST_CASE("paths reach through maps, lists, filters and quoted keys", "[rules]") {
  Fixture f;
  std::vector<NodeRef> out;
  Path p;
  std::string error;
  REQUIRE(ParsePath("status.conditions[type=Ready].status", &p, &error));
  Resolve(p, f.pod, NodeRef(), &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].Str() == "False");
  CHECK(out[0].line() == 16);

  out.clear();
  REQUIRE(ParsePath("metadata.labels[\"app.kubernetes.io/name\"]", &p, &error));
  Resolve(p, f.pod, NodeRef(), &out);
  REQUIRE(out.size() == 1);
  CHECK(out[0].Str() == "web");

  out.clear();
  REQUIRE(ParsePath("status.conditions[*].type", &p, &error));
  Resolve(p, f.pod, NodeRef(), &out);
  CHECK(out.size() == 2);

  CHECK_FALSE(ParsePath("a[b", &p, &error));
  CHECK_FALSE(ParsePath("a..b", &p, &error));
  CHECK_FALSE(ParsePath("a[x]", &p, &error));
}

TEST_CASE("operators: equals, in, not_in, exists, comparisons with quantities, age", "[rules]") {
  Fixture f;
  CHECK(Holds(Leaf("status.containerStatuses[*].lastState.terminated.reason",
                   Condition::Op::kEquals, {"OOMKilled"}),
              f.pod));
  CHECK(Holds(Leaf("status.containerStatuses[*].lastState.terminated.exitCode", Condition::Op::kIn,
                   {"1", "137"}),
              f.pod));
  CHECK_FALSE(Holds(Leaf("status.conditions[*].status", Condition::Op::kNotIn, {"True"}), f.pod));
  CHECK(
      Holds(Leaf("status.conditions[type=Ready].status", Condition::Op::kNotIn, {"True"}), f.pod));
  Condition missing = Leaf("status.containerStatuses[*].state.waiting", Condition::Op::kExists);
  missing.flag = false;
  CHECK(Holds(missing, f.pod));
  CHECK(Holds(
      Leaf("spec.containers[*].resources.limits.memory", Condition::Op::kLt, {}, 256.0 * 1048576),
      f.pod));
  CHECK_FALSE(Holds(Leaf("spec.containers[*].resources.limits.memory", Condition::Op::kGt, {}, 1e9),
                    f.pod));
  CHECK(Holds(Leaf("status.containerStatuses[*].restartCount", Condition::Op::kGe, {}, 7), f.pod));
  double now = *ParseTimestamp("2026-11-28T10:00:00Z");
  CHECK(Holds(Leaf("metadata.creationTimestamp", Condition::Op::kOlderThan, {}, 7 * 86400.0), f.pod,
              now));
  CHECK_FALSE(Holds(Leaf("metadata.creationTimestamp", Condition::Op::kOlderThan, {}, 9 * 86400.0),
                    f.pod, now));

  std::string error;
  Condition re = Leaf("metadata.name", Condition::Op::kMatches);
  re.regex = FieldRegex::Compile("^w.b$", &error);
  REQUIRE(re.regex);
  CHECK(Holds(re, f.pod));
}

TEST_CASE("quantities, timestamps and durations", "[rules]") {
  CHECK(ParseQuantity("128Mi") == 134217728.0);
  CHECK(ParseQuantity("500m") == 0.5);
  CHECK(ParseQuantity("2") == 2.0);
  CHECK_FALSE(ParseQuantity("abc"));
  CHECK_FALSE(ParseQuantity("1e999"));
  CHECK(ParseTimestamp("1970-01-01T00:01:00Z") == 60.0);
  CHECK(ParseTimestamp("1970-01-01T01:01:00+01:00") == 60.0);
  CHECK(ParseTimestamp("1970-01-01T00:01:00.5Z") == 60.5);
  CHECK_FALSE(ParseTimestamp("yesterday"));
  CHECK_FALSE(ParseTimestamp("2026-13-01T00:00:00Z"));
  CHECK(ParseDuration("1h30m") == 5400.0);
  CHECK(ParseDuration("7d") == 604800.0);
  CHECK_FALSE(ParseDuration("10"));
}

}  // namespace kubesift

namespace kubesift {

TEST_CASE("comparisons against another field of the object", "[rules]") {
  std::string text =
      "kind: StatefulSet\nmetadata: {name: db}\nspec: {replicas: 3}\nstatus: {readyReplicas: 2}\n";
  text.reserve(text.size() + 64);
  ParsedResources parsed;
  ParseResourceText("s.yaml", text, "", ParseLimits{}, &parsed);
  NodeRef sts = parsed.objects.at(0).node;
  Condition c;
  std::string error;
  REQUIRE(ParsePath("status.readyReplicas", &c.path, &error));
  c.op = Condition::Op::kLt;
  c.other.emplace();
  REQUIRE(ParsePath("spec.replicas", &*c.other, &error));
  std::vector<NodeRef> witnesses;
  CHECK(c.Evaluate(EvalContext{sts, NodeRef(), 0}, &witnesses));
  c.op = Condition::Op::kGe;
  CHECK_FALSE(c.Evaluate(EvalContext{sts, NodeRef(), 0}, &witnesses));
}

}  // namespace kubesift
