// The cluster at a glance, computed from the index for the report: nodes and their conditions,
// pods by phase per namespace, workloads ready against desired, and the most restarted
// containers. Facts, not findings: the rules decide what is wrong.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "resources/index.h"

namespace kubesift {

struct NodeSummary {
  std::string name, ready, roles, version;
  std::vector<std::string>
      conditions;  // conditions not in their healthy state, "DiskPressure=True"
  bool unschedulable = false;
};

struct NamespacePods {
  std::map<std::string, int> by_phase;  // Running, Pending, Succeeded, Failed, Unknown
  int total = 0;
};

struct WorkloadSummary {
  std::string kind, ns, name;
  int64_t desired = 0, ready = 0;
};

struct RestartSummary {
  std::string ns, pod, container, last_reason;
  int64_t restarts = 0;
  int64_t last_exit_code = 0;
};

struct Overview {
  std::vector<NodeSummary> nodes;
  std::map<std::string, NamespacePods> pods;
  std::vector<WorkloadSummary> workloads;
  std::vector<RestartSummary> restarts;  // most restarted first, at most 10
};

Overview BuildOverview(const Index& index);

}  // namespace kubesift
