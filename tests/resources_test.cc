// Resource files in every shape users' tools write, in YAML and JSON, with the line of every
// object kept; and the bounds that keep hostile files from exhausting memory.
#include <catch2/catch.hpp>

#include "resources/resource_file.h"

namespace kubesift {
namespace {

ParsedResources Parse(std::string text, std::string hint = "") {
  ParsedResources out;
  text.reserve(text.size() + 64);
  ParseResourceText("resources/x.yaml", text, hint, ParseLimits{}, &out);
  return out;
}

std::vector<std::string> Names(const ParsedResources& p) {
  std::vector<std::string> names;
  for (const ResourceObject& o : p.objects) names.push_back(o.kind + "/" + o.ns + "/" + o.name);
  return names;
}

}  // namespace

TEST_CASE("kind: List, typed lists and items without kind", "[resources]") {
  auto p = Parse(
      "apiVersion: v1\nkind: PodList\nitems:\n- metadata:\n    name: a\n    namespace: n\n"
      "- kind: Pod\n  metadata:\n    name: b\n");
  CHECK(Names(p) == std::vector<std::string>{"Pod/n/a", "Pod//b"});
  CHECK(p.objects[0].line == 4);
  CHECK(p.objects[1].line == 7);
  CHECK(p.objects[0].api_version == "v1");

  auto list = Parse(
      "apiVersion: v1\nitems:\n- apiVersion: apps/v1\n  kind: Deployment\n"
      "  metadata:\n    name: d\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
  CHECK(Names(list) == std::vector<std::string>{"Deployment//d"});
}

TEST_CASE("a list whose items carry no kind takes it from the file name", "[resources]") {
  auto p = Parse(R"({"items": [{"metadata": {"name": "a", "namespace": "kube-system"}}]})", "Pod");
  CHECK(Names(p) == std::vector<std::string>{"Pod/kube-system/a"});
  CHECK(KindForTypeName("deployments.apps") == "Deployment");
  CHECK(KindForTypeName("endpointslices.discovery.k8s.io") == "EndpointSlice");
  CHECK(KindForTypeName("clusterRoleBindings") == "ClusterRoleBinding");
  CHECK(KindForTypeName("widgets.example.com") == "");
}

TEST_CASE("single objects, bare arrays and multi-document YAML", "[resources]") {
  CHECK(Names(Parse("kind: Node\nmetadata:\n  name: n1\n")) ==
        std::vector<std::string>{"Node//n1"});
  CHECK(
      Names(Parse(
          R"([{"kind":"Pod","metadata":{"name":"a"}},{"kind":"Pod","metadata":{"name":"b"}}])")) ==
      std::vector<std::string>{"Pod//a", "Pod//b"});
  auto multi = Parse(
      "---\nkind: Service\nmetadata:\n  name: s\n---\nkind: ConfigMap\nmetadata:\n"
      "  name: c\n  namespace: x\n---\n");
  CHECK(Names(multi) == std::vector<std::string>{"Service//s", "ConfigMap/x/c"});
  CHECK(multi.objects[1].line == 6);
  CHECK(multi.problems.empty());
}

TEST_CASE("JSON keeps lines, strings and numbers as written", "[resources]") {
  auto p = Parse(
      "{\n  \"kind\": \"List\",\n  \"items\": [\n    {\n      \"kind\": \"Pod\",\n"
      "      \"metadata\": {\"name\": \"a\"},\n      \"spec\": {\"n\": 12345678901234567890123,"
      " \"b\": true, \"s\": \"x\\ny\", \"z\": null}\n    }\n  ]\n}\n");
  REQUIRE(p.objects.size() == 1);
  CHECK(p.objects[0].line == 4);
  NodeRef spec = p.objects[0].node["spec"];
  CHECK(spec.line() == 7);
  CHECK(spec["n"].Str() == "12345678901234567890123");
  CHECK_FALSE(spec["n"].quoted());
  CHECK(spec["b"].Bool() == true);
  CHECK(spec["s"].Str() == "x\ny");
  CHECK(spec["s"].quoted());
  CHECK(spec["z"].IsNull());
}

TEST_CASE("YAML scalars: quoted strings stay strings, nulls are nulls", "[resources]") {
  auto p = Parse(
      "kind: Pod\nmetadata:\n  name: a\n  labels:\n    v: \"123\"\n    n: 123\n"
      "spec:\n  x: ~\n  y:\n  z: null\n");
  NodeRef o = p.objects.at(0).node;
  CHECK(o["metadata"]["labels"]["v"].quoted());
  CHECK_FALSE(o["metadata"]["labels"]["n"].quoted());
  CHECK(o["spec"]["x"].IsNull());
  CHECK(o["spec"]["y"].IsNull());
  CHECK(o["spec"]["z"].IsNull());
  CHECK(o["metadata"]["labels"]["n"].line() == 6);
}

TEST_CASE("Kubernetes-shaped nonsense is reported per object", "[resources]") {
  auto p = Parse(
      "kind: List\nitems:\n- kind: Pod\n  metadata:\n    name: ok\n- kind: Pod\n"
      "- metadata:\n    name: nokind\n- 42\n- kind: Pod\n  metadata: {}\n");
  CHECK(Names(p) == std::vector<std::string>{"Pod//ok"});
  REQUIRE(p.problems.size() == 4);
  CHECK(p.problems[0].line == 6);
  CHECK(p.problems[0].error == "Pod without `metadata`");
  CHECK(p.problems[1].error.find("no `kind`") != std::string::npos);
  CHECK(p.problems[2].error == "list item is not an object");
  CHECK(p.problems[3].error == "Pod without `metadata.name`");

  CHECK(Parse("kind: List\nitems: null\n").objects.empty());
  CHECK(Parse("kind: List\nitems: null\n").problems.empty());
  auto scalar = Parse("just a string\n");
  REQUIRE(scalar.problems.size() == 1);
  CHECK(scalar.problems[0].error.find("scalar") != std::string::npos);
}

TEST_CASE("a syntax error keeps the complete objects before it", "[resources]") {
  auto p = Parse(
      "kind: List\nitems:\n- kind: Pod\n  metadata:\n    name: a\n- kind: Pod\n"
      "  metadata:\n    name: b\n   bad: indentation\n");
  CHECK(Names(p) == std::vector<std::string>{"Pod//a"});
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].line == 9);
  CHECK(p.problems[0].path == "resources/x.yaml");

  auto json = Parse(
      "{\"kind\": \"List\", \"items\": [\n{\"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}},\n"
      "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"b\"");
  CHECK(Names(json) == std::vector<std::string>{"Pod//a"});
  REQUIRE(json.problems.size() == 1);
  CHECK(json.problems[0].error.find("JSON") == 0);
}

TEST_CASE("alias bombs and deep nesting stop at their bounds", "[resources]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  std::string prev = "a";
  for (int i = 0; i < 9; ++i) {
    std::string name(1, static_cast<char>('b' + i));
    bomb += name + ": &" + name + " [";
    for (int j = 0; j < 10; ++j) bomb += (j ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = name;
  }
  auto p = Parse(bomb);
  REQUIRE(p.problems.size() == 1);
  CHECK(p.problems[0].error.find("alias") != std::string::npos);

  std::string deep(100000, '[');
  auto d = Parse(deep);
  REQUIRE_FALSE(d.problems.empty());
  std::string deep_yaml;
  for (int i = 0; i < 1000; ++i) deep_yaml += std::string(i, ' ') + "k:\n";
  auto y = Parse(deep_yaml);
  REQUIRE_FALSE(y.problems.empty());
  CHECK(y.problems[0].error.find("deeper than") != std::string::npos);
}

}  // namespace kubesift
