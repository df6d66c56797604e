// The object graph and root-cause correlation on a small cluster built in memory.
#include <catch2/catch.hpp>

#include "graph/correlate.h"
#include "graph/object_graph.h"
#include "rules/rule_loader.h"

namespace kubesift {
namespace {

const char* kCluster = R"(kind: List
items:
- kind: Node
  metadata: {name: node-01, uid: n1}
- kind: Pod
  metadata:
    name: web-abc-1
    namespace: shop
    uid: p1
    labels: {app: web, tier: front}
    ownerReferences: [{kind: ReplicaSet, name: web-abc, uid: rs1}]
  spec:
    nodeName: node-01
    serviceAccountName: web
    volumes:
    - name: cfg
      configMap: {name: web-config}
    containers:
    - name: web
      envFrom: [{secretRef: {name: web-secret}}]
- kind: ReplicaSet
  metadata:
    name: web-abc
    namespace: shop
    uid: rs1
    ownerReferences: [{kind: Deployment, name: web, uid: d1}]
- kind: Deployment
  metadata: {name: web, namespace: shop, uid: d1}
- kind: Service
  metadata: {name: web, namespace: shop}
  spec:
    selector: {app: web}
- kind: Service
  metadata: {name: other, namespace: shop}
  spec:
    selector: {app: other}
- kind: Endpoints
  metadata: {name: web, namespace: shop}
)";

struct Cluster {
  Index index;
  Cluster() {
    std::string text = kCluster;
    text.reserve(text.size() + 64);
    ParsedResources parsed;
    ParseResourceText("resources/all.yaml", text, "", ParseLimits{}, &parsed);
    REQUIRE(parsed.problems.empty());
    index.AddResources("resources/all.yaml", std::move(parsed), text, "");
  }
};

std::vector<std::string> Names(const std::vector<const Object*>& objects) {
  std::vector<std::string> out;
  for (const Object* o : objects) out.push_back(o->kind + "/" + o->name);
  std::sort(out.begin(), out.end());
  return out;
}

Rule MakeRule(const std::string& id, const std::string& explains) {
  std::string text =
      "id: " + id + "\ntitle: t\nseverity: warning\ncategory: c\nmatch:\n  kind: Pod\n" +
      "message: m\nfix: f\n" + (explains.empty() ? "" : "explains: " + explains + "\n");
  Rule rule;
  Problems errors;
  REQUIRE(LoadRule(id + ".yaml", text, &rule, &errors));
  return rule;
}

Finding MakeFinding(const std::string& rule, Subject subject) {
  Finding f;
  f.rule = rule;
  f.subject = std::move(subject);
  f.id = FindingId(rule, f.subject);
  return f;
}

}  // namespace

TEST_CASE("the graph links nodes, pods, owners, services and references", "[graph]") {
  Cluster c;
  ObjectGraph g(c.index);
  const Object* pod = c.index.Find("Pod", "shop", "web-abc-1");
  REQUIRE(pod);
  CHECK(Names(g.PodsOnNode("node-01")) == std::vector<std::string>{"Pod/web-abc-1"});
  CHECK(Names(g.Owners(*pod)) == std::vector<std::string>{"Deployment/web", "ReplicaSet/web-abc"});
  CHECK(Names(g.ServicesSelecting(*pod)) == std::vector<std::string>{"Service/web"});
  CHECK(Names(g.PodsSelectedBy(*c.index.Find("Service", "shop", "other"))).empty());
  CHECK(Names(g.PodsReferencing("ConfigMap", "shop", "web-config")) ==
        std::vector<std::string>{"Pod/web-abc-1"});
  CHECK(Names(g.PodsReferencing("Secret", "shop", "web-secret")).size() == 1);
  CHECK(Names(g.PodsReferencing("ServiceAccount", "shop", "web")).size() == 1);
  CHECK(Names(g.Affected(*c.index.Find("Node", "", "node-01"))) ==
        std::vector<std::string>{"Deployment/web", "Endpoints/web", "Pod/web-abc-1",
                                 "ReplicaSet/web-abc", "Service/web"});
}

TEST_CASE("label selectors: matchLabels and matchExpressions", "[graph]") {
  std::string text = R"(kind: Pod
metadata:
  name: p
  labels: {app: web, env: prod}
spec:
  a: {matchLabels: {app: web}, matchExpressions: [{key: env, operator: In, values: [prod, stage]}]}
  b: {matchExpressions: [{key: env, operator: NotIn, values: [prod]}]}
  c: {matchExpressions: [{key: team, operator: DoesNotExist}]}
  d: {app: web}
  e: {}
)";
  text.reserve(text.size() + 64);
  ParsedResources parsed;
  ParseResourceText("p.yaml", text, "", ParseLimits{}, &parsed);
  NodeRef pod = parsed.objects.at(0).node;
  NodeRef labels = pod["metadata"]["labels"];
  CHECK(SelectorMatches(pod["spec"]["a"], labels));
  CHECK_FALSE(SelectorMatches(pod["spec"]["b"], labels));
  CHECK(SelectorMatches(pod["spec"]["c"], labels));
  CHECK(SelectorMatches(pod["spec"]["d"], labels));
  CHECK_FALSE(SelectorMatches(pod["spec"]["e"], labels));  // an empty selector selects nothing here
}

TEST_CASE("correlation: a node problem explains what runs on it, as a tree", "[graph]") {
  Cluster c;
  ObjectGraph g(c.index);
  RuleSet set;
  set.rules.push_back(MakeRule("kubelet-down", "[node-down, pod-down, deploy-down]"));
  set.rules.push_back(MakeRule("node-down", "[pod-down, deploy-down]"));
  set.rules.push_back(MakeRule("pod-down", "[deploy-down, svc-empty]"));
  set.rules.push_back(MakeRule("deploy-down", "[pod-down]"));  // no path back: not a link
  set.rules.push_back(MakeRule("svc-empty", ""));
  set.rules.push_back(MakeRule("a-oom", "[b-crash]"));  // a declared cycle on one subject
  set.rules.push_back(MakeRule("b-crash", "[a-oom]"));
  CompiledRules rules = CompiledRules::Compile(std::move(set));
  std::vector<Finding> f = {
      MakeFinding("svc-empty", {"Service", "shop", "web"}),
      MakeFinding("deploy-down", {"Deployment", "shop", "web"}),
      MakeFinding("pod-down", {"Pod", "shop", "web-abc-1"}),
      MakeFinding("node-down", {"Node", "", "node-01"}),
      MakeFinding("kubelet-down", {"Node", "", "node-01"}),
      MakeFinding("pod-down", {"Pod", "other", "unrelated"}),
      MakeFinding("b-crash", {"Pod", "other", "unrelated"}),
      MakeFinding("a-oom", {"Pod", "other", "unrelated"}),
  };
  Correlate(g, rules, &f);
  auto by_rule = [&](const std::string& rule, const std::string& ns = "shop") -> Finding& {
    for (Finding& x : f) {
      if (x.rule == rule && (x.subject.ns == ns || x.subject.kind == "Node")) return x;
    }
    FAIL("no finding " << rule);
    return f[0];
  };
  // Transitively reduced: kubelet → node → pod → {deployment, service}.
  CHECK(by_rule("kubelet-down").explains == std::vector<std::string>{"node-down/Node/node-01"});
  CHECK(by_rule("node-down").explains == std::vector<std::string>{"pod-down/Pod/shop/web-abc-1"});
  CHECK(by_rule("pod-down").explains ==
        std::vector<std::string>{"deploy-down/Deployment/shop/web", "svc-empty/Service/shop/web"});
  CHECK(by_rule("deploy-down").explains.empty());
  CHECK(by_rule("pod-down", "other").caused_by.empty());
  // The cycle is broken deterministically: the first link in id order wins.
  CHECK(by_rule("a-oom", "other").explains ==
        std::vector<std::string>{"b-crash/Pod/other/unrelated"});
  CHECK(by_rule("b-crash", "other").explains.empty());
  // Every link has its reverse.
  for (const Finding& a : f) {
    for (const std::string& id : a.explains) {
      auto b = std::find_if(f.begin(), f.end(), [&](const Finding& x) { return x.id == id; });
      REQUIRE(b != f.end());
      CHECK(std::count(b->caused_by.begin(), b->caused_by.end(), a.id) == 1);
    }
  }
  SortFindings(&f);
  CHECK(f[0].rule == "kubelet-down");  // roots first, the one explaining most leads
  CHECK(f[1].rule == "a-oom");
  CHECK(CountExplained(f, 0) == 4);
  CHECK(ImpactOf(f, 0).explained == 4);
}

}  // namespace kubesift
