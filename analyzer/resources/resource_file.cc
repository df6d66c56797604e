#include "resources/resource_file.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

namespace kubesift {
namespace {

struct TypeKind {
  std::string_view type;  // lower-case plural, without group
  std::string_view kind;
};

// The kinds a list without item kinds can hold, by the plural kubectl and cluster-info dump use.
constexpr std::array<TypeKind, 44> kTypeKinds = {{
    {"pods", "Pod"},
    {"nodes", "Node"},
    {"events", "Event"},
    {"services", "Service"},
    {"endpoints", "Endpoints"},
    {"endpointslices", "EndpointSlice"},
    {"namespaces", "Namespace"},
    {"configmaps", "ConfigMap"},
    {"secrets", "Secret"},
    {"serviceaccounts", "ServiceAccount"},
    {"persistentvolumeclaims", "PersistentVolumeClaim"},
    {"pvcs", "PersistentVolumeClaim"},
    {"persistentvolumes", "PersistentVolume"},
    {"pvs", "PersistentVolume"},
    {"storageclasses", "StorageClass"},
    {"deployments", "Deployment"},
    {"replicasets", "ReplicaSet"},
    {"statefulsets", "StatefulSet"},
    {"daemonsets", "DaemonSet"},
    {"replicationcontrollers", "ReplicationController"},
    {"replication-controllers", "ReplicationController"},
    {"jobs", "Job"},
    {"cronjobs", "CronJob"},
    {"ingresses", "Ingress"},
    {"ingress", "Ingress"},
    {"networkpolicies", "NetworkPolicy"},
    {"network-policy", "NetworkPolicy"},
    {"resourcequotas", "ResourceQuota"},
    {"resource-quota", "ResourceQuota"},
    {"resource-quotas", "ResourceQuota"},
    {"limitranges", "LimitRange"},
    {"horizontalpodautoscalers", "HorizontalPodAutoscaler"},
    {"poddisruptionbudgets", "PodDisruptionBudget"},
    {"pod-disruption-budgets", "PodDisruptionBudget"},
    {"roles", "Role"},
    {"rolebindings", "RoleBinding"},
    {"clusterroles", "ClusterRole"},
    {"clusterrolebindings", "ClusterRoleBinding"},
    {"customresourcedefinitions", "CustomResourceDefinition"},
    {"priorityclasses", "PriorityClass"},
    {"leases", "Lease"},
    {"validatingwebhookconfigurations", "ValidatingWebhookConfiguration"},
    {"mutatingwebhookconfigurations", "MutatingWebhookConfiguration"},
    {"volumeattachments", "VolumeAttachment"},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool StartsWithJson(std::string_view text) {
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    return c == '{' || c == '[';
  }
  return false;
}

class ObjectCollector {
 public:
  ObjectCollector(std::string_view path, std::string_view kind_hint, ParsedResources* out,
                  const std::vector<uint32_t>& incomplete, const Document* partial)
      : path_(path), kind_hint_(kind_hint), out_(out), partial_(partial) {
    incomplete_.insert(incomplete.begin(), incomplete.end());
  }

  void FromRoot(NodeRef root) {
    if (!root.valid() || root.IsNull()) return;  // an empty document (e.g. a trailing ---)
    if (root.IsSeq()) {
      FromItems(root, kind_hint_, "");
      return;
    }
    if (!root.IsMap()) {
      Skip(root, "the document is a scalar, not a Kubernetes object");
      return;
    }
    NodeRef items = root["items"];
    std::string_view kind = root["kind"].Str();
    bool is_list = kind == "List" || (kind.size() > 4 && kind.ends_with("List")) ||
                   (kind.empty() && items.valid() && !root["metadata"]["name"].valid());
    if (is_list) {
      std::string item_kind(kind_hint_);
      if (kind.size() > 4 && kind != "List") item_kind = kind.substr(0, kind.size() - 4);
      if (items.IsNull() || !items.valid()) return;  // `items: null` is an empty list
      if (!items.IsSeq()) {
        Skip(items, "`items` is not a list");
        return;
      }
      FromItems(items, item_kind, root["apiVersion"].Str());
      return;
    }
    Add(root, kind_hint_, "");
  }

 private:
  void FromItems(NodeRef items, std::string_view kind, std::string_view api_version) {
    for (NodeRef item : items) Add(item, kind, api_version);
  }

  void Skip(NodeRef node, std::string why) {
    out_->problems.push_back({std::string(path_), node.line(), 0, std::move(why)});
  }

  void Add(NodeRef node, std::string_view inherited_kind, std::string_view inherited_api) {
    if (node.document() == partial_ && incomplete_.count(node.index())) return;
    if (!node.IsMap()) {
      Skip(node, "list item is not an object");
      return;
    }
    ResourceObject obj;
    obj.node = node;
    obj.line = node.line();
    NodeRef kind = node["kind"];
    obj.kind = kind.IsScalar() ? std::string(kind.Str()) : std::string(inherited_kind);
    NodeRef api = node["apiVersion"];
    obj.api_version = api.IsScalar() ? std::string(api.Str()) : std::string(inherited_api);
    if (obj.kind.empty()) {
      Skip(node, "object has no `kind` and its list names none");
      return;
    }
    NodeRef meta = node["metadata"];
    if (!meta.IsMap()) {
      Skip(node, obj.kind + " without `metadata`");
      return;
    }
    obj.name = std::string(meta["name"].Str());
    if (obj.name.empty()) {
      Skip(node, obj.kind + " without `metadata.name`");
      return;
    }
    obj.ns = std::string(meta["namespace"].Str());
    obj.uid = std::string(meta["uid"].Str());
    out_->objects.push_back(std::move(obj));
  }

  std::string_view path_;
  std::string_view kind_hint_;
  ParsedResources* out_;
  std::unordered_set<uint32_t> incomplete_;
  const Document* partial_;
};

}  // namespace

std::string KindForTypeName(std::string_view type_name) {
  std::string_view base = type_name.substr(0, type_name.find('.'));
  std::string lower = Lower(base);
  for (const TypeKind& tk : kTypeKinds) {
    if (tk.type == lower) return std::string(tk.kind);
  }
  return "";
}

void ParseResourceText(std::string_view path, std::string& text, std::string_view kind_hint,
                       const ParseLimits& limits, ParsedResources* out) {
  size_t first_doc = out->documents.size();
  SyntaxResult syntax;
  if (StartsWithJson(text)) {
    ParsedResources json;
    syntax = ParseJson(path, text, limits, &json);
    if (json.problems.empty()) {
      for (auto& d : json.documents) out->documents.push_back(std::move(d));
      out->documents_read += json.documents_read;
    } else {
      // simdjson validates the whole text before handing out a value, so a cut or broken JSON
      // file yields nothing. JSON is (nearly) YAML: the event parser recovers every complete
      // object before the break and says exactly where it is.
      size_t mark = out->problems.size();
      syntax = ParseYaml(path, text, limits, out);
      for (size_t i = mark; i < out->problems.size(); ++i) {
        out->problems[i].error =
            json.problems.front().error + " (" + out->problems[i].error.substr(6) + ")";
      }
      if (out->problems.size() == mark) out->problems.push_back(json.problems.front());
    }
  } else {
    syntax = ParseYaml(path, text, limits, out);
  }
  const Document* partial = syntax.incomplete.empty() ? nullptr : out->documents.back().get();
  for (size_t i = first_doc; i < out->documents.size(); ++i) {
    ObjectCollector collector(path, kind_hint, out, syntax.incomplete, partial);
    collector.FromRoot(out->documents[i]->root());
  }
}

}  // namespace kubesift
