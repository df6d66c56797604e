// The Kubernetes object graph: which object depends on which, built once from the index with
// hashed lookups (no scans per query). Correlation asks one question of it — what can a
// problem on this object break? — and rules' built-in checks ask the narrower ones.
//
//   Node ─▶ Pods on it (spec.nodeName); a NotReady node also ─▶ the pods waiting to be scheduled
//           (its taint takes it away from all of them)
//   Pod ─▶ its owners (ReplicaSet ─▶ Deployment, StatefulSet, DaemonSet, Job ─▶ CronJob)
//   Pod ─▶ the Services whose selector matches it ─▶ their Endpoints / EndpointSlices
//   ConfigMap, Secret, PersistentVolumeClaim, ServiceAccount ─▶ the Pods that reference them
//   PersistentVolume ─▶ its claim; StorageClass ─▶ the claims that use it
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "resources/index.h"

namespace kubesift {

class ObjectGraph {
 public:
  explicit ObjectGraph(const Index& index);

  std::vector<const Object*> PodsOnNode(std::string_view node) const;
  // The owner chain, nearest first: ReplicaSet, then Deployment.
  std::vector<const Object*> Owners(const Object& object) const;
  std::vector<const Object*> ServicesSelecting(const Object& pod) const;
  std::vector<const Object*> PodsSelectedBy(const Object& service) const;
  // Pods that reference a ConfigMap, Secret, PersistentVolumeClaim or ServiceAccount by name
  // (env, envFrom, volumes, projected volumes, imagePullSecrets, serviceAccountName).
  std::vector<const Object*> PodsReferencing(std::string_view kind, std::string_view ns,
                                             std::string_view name) const;
  // Everything a problem on `object` can break, transitively (not including itself).
  std::vector<const Object*> Affected(const Object& object) const;

  const Index& index() const { return index_; }

 private:
  static std::string Key(std::string_view kind, std::string_view ns, std::string_view name);
  void AddPodReferences(const Object& pod);

  const Index& index_;
  std::unordered_map<std::string, std::vector<const Object*>> pods_by_node_;
  std::vector<const Object*> unscheduled_pods_;  // Pending, bound to no node
  std::unordered_map<std::string, std::vector<const Object*>> pods_by_namespace_;
  std::unordered_map<std::string, std::vector<const Object*>> referenced_by_;  // Key → pods
  std::unordered_map<std::string, std::vector<const Object*>> services_by_namespace_;
  std::unordered_map<std::string, std::vector<const Object*>> slices_by_service_;  // ns/name
};

// Does a label selector ({matchLabels, matchExpressions} or a plain map) match these labels?
bool SelectorMatches(NodeRef selector, NodeRef labels);

}  // namespace kubesift
