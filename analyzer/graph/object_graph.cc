#include "graph/object_graph.h"

#include <algorithm>
#include <unordered_set>

namespace kubesift {
namespace {

bool MatchLabels(NodeRef match, NodeRef labels) {
  for (NodeRef kv : match) {
    if (labels[kv.key()].Str() != kv.Str() || !labels[kv.key()].valid()) return false;
  }
  return true;
}

bool MatchExpression(NodeRef expr, NodeRef labels) {
  std::string_view key = expr["key"].Str(), op = expr["operator"].Str();
  NodeRef value = labels[key];
  bool has = value.valid();
  auto in_values = [&] {
    for (NodeRef v : expr["values"]) {
      if (v.Str() == value.Str()) return true;
    }
    return false;
  };
  if (op == "In") return has && in_values();
  if (op == "NotIn") return !has || !in_values();
  if (op == "Exists") return has;
  if (op == "DoesNotExist") return !has;
  return false;
}

}  // namespace

bool SelectorMatches(NodeRef selector, NodeRef labels) {
  if (!selector.IsMap() || selector.size() == 0) return false;
  NodeRef match_labels = selector["matchLabels"];
  NodeRef expressions = selector["matchExpressions"];
  if (!match_labels.valid() && !expressions.valid()) return MatchLabels(selector, labels);
  if (match_labels.valid() && !MatchLabels(match_labels, labels)) return false;
  for (NodeRef e : expressions) {
    if (!MatchExpression(e, labels)) return false;
  }
  return true;
}

std::string ObjectGraph::Key(std::string_view kind, std::string_view ns, std::string_view name) {
  std::string key(kind);
  key.append("/").append(ns).append("/").append(name);
  return key;
}

ObjectGraph::ObjectGraph(const Index& index) : index_(index) {
  for (const Object* pod : index.OfKind("Pod")) {
    std::string_view node = pod->node["spec"]["nodeName"].Str();
    if (!node.empty()) {
      pods_by_node_[std::string(node)].push_back(pod);
    } else if (pod->node["status"]["phase"].Str() == "Pending") {
      unscheduled_pods_.push_back(pod);
    }
    pods_by_namespace_[pod->ns].push_back(pod);
    AddPodReferences(*pod);
  }
  for (const Object* svc : index.OfKind("Service")) services_by_namespace_[svc->ns].push_back(svc);
  for (const Object* slice : index.OfKind("EndpointSlice")) {
    std::string_view service =
        slice->node["metadata"]["labels"]["kubernetes.io/service-name"].Str();
    if (!service.empty())
      slices_by_service_[slice->ns + "/" + std::string(service)].push_back(slice);
  }
}

void ObjectGraph::AddPodReferences(const Object& pod) {
  std::unordered_set<std::string> keys;
  auto add = [&](std::string_view kind, std::string_view name) {
    if (!name.empty()) keys.insert(Key(kind, pod.ns, name));
  };
  NodeRef spec = pod.node["spec"];
  add("ServiceAccount", spec["serviceAccountName"].Str());
  for (NodeRef s : spec["imagePullSecrets"]) add("Secret", s["name"].Str());
  for (NodeRef v : spec["volumes"]) {
    add("ConfigMap", v["configMap"]["name"].Str());
    add("Secret", v["secret"]["secretName"].Str());
    add("PersistentVolumeClaim", v["persistentVolumeClaim"]["claimName"].Str());
    for (NodeRef source : v["projected"]["sources"]) {
      add("ConfigMap", source["configMap"]["name"].Str());
      add("Secret", source["secret"]["name"].Str());
    }
  }
  for (const char* list : {"containers", "initContainers", "ephemeralContainers"}) {
    for (NodeRef c : spec[list]) {
      for (NodeRef e : c["envFrom"]) {
        add("ConfigMap", e["configMapRef"]["name"].Str());
        add("Secret", e["secretRef"]["name"].Str());
      }
      for (NodeRef e : c["env"]) {
        add("ConfigMap", e["valueFrom"]["configMapKeyRef"]["name"].Str());
        add("Secret", e["valueFrom"]["secretKeyRef"]["name"].Str());
      }
    }
  }
  for (const std::string& key : keys) referenced_by_[key].push_back(&pod);
}

std::vector<const Object*> ObjectGraph::PodsOnNode(std::string_view node) const {
  auto it = pods_by_node_.find(std::string(node));
  return it == pods_by_node_.end() ? std::vector<const Object*>() : it->second;
}

std::vector<const Object*> ObjectGraph::Owners(const Object& object) const {
  std::vector<const Object*> chain;
  const Object* current = &object;
  for (int depth = 0; depth < 8; ++depth) {
    const Object* owner = nullptr;
    for (NodeRef ref : current->node["metadata"]["ownerReferences"]) {
      owner = index_.FindByUid(ref["uid"].Str());
      if (!owner) owner = index_.Find(ref["kind"].Str(), current->ns, ref["name"].Str());
      if (owner) break;
    }
    if (!owner || std::find(chain.begin(), chain.end(), owner) != chain.end()) break;
    chain.push_back(owner);
    current = owner;
  }
  return chain;
}

std::vector<const Object*> ObjectGraph::ServicesSelecting(const Object& pod) const {
  std::vector<const Object*> out;
  auto it = services_by_namespace_.find(pod.ns);
  if (it == services_by_namespace_.end()) return out;
  NodeRef labels = pod.node["metadata"]["labels"];
  for (const Object* svc : it->second) {
    if (SelectorMatches(svc->node["spec"]["selector"], labels)) out.push_back(svc);
  }
  return out;
}

std::vector<const Object*> ObjectGraph::PodsSelectedBy(const Object& service) const {
  std::vector<const Object*> out;
  auto it = pods_by_namespace_.find(service.ns);
  if (it == pods_by_namespace_.end()) return out;
  NodeRef selector = service.node["spec"]["selector"];
  for (const Object* pod : it->second) {
    if (SelectorMatches(selector, pod->node["metadata"]["labels"])) out.push_back(pod);
  }
  return out;
}

std::vector<const Object*> ObjectGraph::PodsReferencing(std::string_view kind, std::string_view ns,
                                                        std::string_view name) const {
  auto it = referenced_by_.find(Key(kind, ns, name));
  return it == referenced_by_.end() ? std::vector<const Object*>() : it->second;
}

std::vector<const Object*> ObjectGraph::Affected(const Object& object) const {
  std::vector<const Object*> out;
  std::unordered_set<const Object*> seen{&object};
  std::vector<const Object*> todo{&object};
  auto push = [&](const Object* o) {
    if (o && seen.insert(o).second) {
      out.push_back(o);
      todo.push_back(o);
    }
  };
  while (!todo.empty()) {
    const Object* o = todo.back();
    todo.pop_back();
    if (o->kind == "Node") {
      for (const Object* pod : PodsOnNode(o->name)) push(pod);
      bool ready = false;
      for (NodeRef c : o->node["status"]["conditions"]) {
        ready = ready || (c["type"].Str() == "Ready" && c["status"].Str() == "True");
      }
      if (!ready) {
        for (const Object* pod : unscheduled_pods_) push(pod);
      }
    } else if (o->kind == "Pod") {
      for (const Object* owner : Owners(*o)) push(owner);
      for (const Object* svc : ServicesSelecting(*o)) push(svc);
    } else if (o->kind == "Service") {
      push(index_.Find("Endpoints", o->ns, o->name));
      if (auto it = slices_by_service_.find(o->ns + "/" + o->name);
          it != slices_by_service_.end()) {
        for (const Object* slice : it->second) push(slice);
      }
    } else if (o->kind == "ConfigMap" || o->kind == "Secret" ||
               o->kind == "PersistentVolumeClaim" || o->kind == "ServiceAccount") {
      for (const Object* pod : PodsReferencing(o->kind, o->ns, o->name)) push(pod);
    } else if (o->kind == "PersistentVolume") {
      NodeRef claim = o->node["spec"]["claimRef"];
      push(index_.Find("PersistentVolumeClaim", claim["namespace"].Str(), claim["name"].Str()));
    } else if (o->kind == "ReplicaSet" || o->kind == "Job") {
      for (const Object* owner : Owners(*o)) push(owner);
    }
  }
  return out;
}

}  // namespace kubesift
