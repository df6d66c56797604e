#include "report/overview.h"

#include <algorithm>
#include <tuple>

namespace kubesift {
namespace {

bool HealthyCondition(std::string_view type, std::string_view status) {
  if (type == "Ready") return status == "True";
  // Pressure conditions and NetworkUnavailable are healthy when False.
  return status == "False";
}

int64_t Int(NodeRef n) { return static_cast<int64_t>(n.Number().value_or(0)); }

}  // namespace

Overview BuildOverview(const Index& index) {
  Overview o;
  for (const Object* node : index.OfKind("Node")) {
    NodeSummary s;
    s.name = node->name;
    s.ready = "Unknown";
    for (NodeRef c : node->node["status"]["conditions"]) {
      std::string_view type = c["type"].Str(), status = c["status"].Str();
      if (type == "Ready") s.ready = std::string(status);
      if (!HealthyCondition(type, status)) {
        s.conditions.push_back(std::string(type) + "=" + std::string(status));
      }
    }
    for (NodeRef label : node->node["metadata"]["labels"]) {
      std::string_view key = label.key();
      if (key.starts_with("node-role.kubernetes.io/")) {
        s.roles += (s.roles.empty() ? "" : ",") + std::string(key.substr(24));
      }
    }
    s.version = node->node["status"]["nodeInfo"]["kubeletVersion"].Str();
    s.unschedulable = node->node["spec"]["unschedulable"].Bool().value_or(false);
    o.nodes.push_back(std::move(s));
  }
  std::sort(o.nodes.begin(), o.nodes.end(),
            [](const NodeSummary& a, const NodeSummary& b) { return a.name < b.name; });

  for (const Object* pod : index.OfKind("Pod")) {
    std::string phase(pod->node["status"]["phase"].Str());
    if (phase.empty()) phase = "Unknown";
    NamespacePods& ns = o.pods[pod->ns];
    ++ns.by_phase[phase];
    ++ns.total;
    for (NodeRef cs : pod->node["status"]["containerStatuses"]) {
      int64_t restarts = Int(cs["restartCount"]);
      if (restarts <= 0) continue;
      NodeRef last = cs["lastState"]["terminated"];
      o.restarts.push_back({pod->ns, pod->name, std::string(cs["name"].Str()),
                            std::string(last["reason"].Str()), restarts, Int(last["exitCode"])});
    }
  }
  std::sort(o.restarts.begin(), o.restarts.end(), [](const auto& a, const auto& b) {
    if (a.restarts != b.restarts) return a.restarts > b.restarts;
    return std::tie(a.ns, a.pod, a.container) < std::tie(b.ns, b.pod, b.container);
  });
  if (o.restarts.size() > 10) o.restarts.resize(10);

  for (const char* kind : {"Deployment", "StatefulSet", "DaemonSet"}) {
    for (const Object* w : index.OfKind(kind)) {
      WorkloadSummary s{w->kind, w->ns, w->name};
      NodeRef status = w->node["status"];
      if (w->kind == "DaemonSet") {
        s.desired = Int(status["desiredNumberScheduled"]);
        s.ready = Int(status["numberReady"]);
      } else {
        NodeRef replicas = w->node["spec"]["replicas"];
        s.desired = replicas.valid() ? Int(replicas) : 1;
        s.ready = Int(status["readyReplicas"]);
      }
      o.workloads.push_back(std::move(s));
    }
  }
  std::sort(o.workloads.begin(), o.workloads.end(), [](const auto& a, const auto& b) {
    return std::tie(a.ns, a.kind, a.name) < std::tie(b.ns, b.kind, b.name);
  });
  return o;
}

}  // namespace kubesift
