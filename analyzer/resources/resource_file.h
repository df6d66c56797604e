// Turning one resource file into Kubernetes objects.
//
// Users' bundles hold resources in every shape kubectl and other tools write: a `kind: List`, a
// typed list (`PodList`), a bare JSON array, a single object, several YAML documents in one file,
// in YAML or JSON. The shape is recognised from the content, not the file name; the name only
// supplies a kind for list items that carry none (kubectl cluster-info dump writes those).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "problem.h"
#include "resources/document.h"

namespace kubesift {

struct ResourceObject {
  NodeRef node;
  std::string kind;
  std::string api_version;
  std::string ns;  // "" for cluster-scoped objects
  std::string name;
  std::string uid;
  uint32_t line = 0;
};

struct ParsedResources {
  std::vector<std::unique_ptr<Document>> documents;
  std::vector<ResourceObject> objects;
  Problems problems;
  size_t documents_read = 0;
};

struct ParseLimits {
  size_t max_depth = 256;
  size_t max_alias_nodes = 1'000'000;  // nodes copied for YAML aliases, per file
};

// `text` must have at least 64 bytes of spare capacity past its size (simdjson reads ahead).
void ParseResourceText(std::string_view path, std::string& text, std::string_view kind_hint,
                       const ParseLimits& limits, ParsedResources* out);

// The kind for a file named like `kubectl api-resources -o name` spells a type ("pods",
// "deployments.apps", "clusterRoleBindings"); "" when unknown.
std::string KindForTypeName(std::string_view type_name);

// Parsers for one syntax each; both append whole documents to `out->documents` and report
// syntax errors into `out->problems`. They return the documents whose nodes are complete
// (a syntax error leaves the last open object incomplete: `incomplete` lists its node ids).
struct SyntaxResult {
  std::vector<uint32_t> incomplete;  // node ids of containers left open by an error, per last doc
};
SyntaxResult ParseYaml(std::string_view path, std::string_view text, const ParseLimits& limits,
                       ParsedResources* out);
SyntaxResult ParseJson(std::string_view path, std::string& text, const ParseLimits& limits,
                       ParsedResources* out);

}  // namespace kubesift
