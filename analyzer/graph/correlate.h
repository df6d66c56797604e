// Root-cause correlation: finding A explains finding B when B's rule is among the rules A's
// rule declares it `explains`, and B's subject is A's subject or something a problem on A's
// subject can break (ObjectGraph::Affected). The links are kept acyclic and transitively
// reduced, so a broken node reads as one tree — kubelet refuses swap → node NotReady → its
// pods → their Deployments and Services — rather than a flat list of twelve findings.
#pragma once

#include <vector>

#include "graph/object_graph.h"
#include "report/finding.h"
#include "rules/engine.h"

namespace kubesift {

// Fills caused_by / explains of `findings` (each link has its reverse; there are no cycles).
void Correlate(const ObjectGraph& graph, const CompiledRules& rules,
               std::vector<Finding>* findings);

// How many findings a finding explains, directly or through others.
size_t CountExplained(const std::vector<Finding>& findings, size_t index);

}  // namespace kubesift
