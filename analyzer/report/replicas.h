// Replicas read together: the last lines of each replica's log, grouped across the pods of one
// workload, so the line only one replica of three logs stands out ("1 of 3 pods: Second
// Number: 2") — what `kubectl logs -l app=…` would show, sorted for the reader.
#pragma once

#include <string>
#include <vector>

#include "graph/object_graph.h"
#include "resources/index.h"

namespace kubesift {

struct ReplicaLine {
  std::string text;               // the line, without its timestamp
  std::vector<std::string> pods;  // which replicas logged it
};

struct ReplicaComparison {
  std::string workload;  // "StatefulSet shop/app-2"
  std::string container;
  size_t replicas = 0;
  size_t shared_lines = 0;          // distinct lines every replica logged
  std::vector<ReplicaLine> uneven;  // lines some replicas logged and others did not
};

// Workloads whose replicas mostly log the same lines but differ in a few; others are left out
// (replicas serving different requests log different lines, and that is not news).
std::vector<ReplicaComparison> CompareReplicas(const Index& index, const ObjectGraph& graph);

}  // namespace kubesift
