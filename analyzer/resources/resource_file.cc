#include "resources/resource_file.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <unordered_set>

#include "rules/condition.h"  // ParseTimestamp: a time is valid when the rules can use it

namespace kubesift {
namespace {

struct TypeKind {
  std::string_view type;  // lower-case plural, without group
  std::string_view kind;
};

// The kinds a list without item kinds can hold, by the plural kubectl and cluster-info dump use.
constexpr std::array<TypeKind, 50> kTypeKinds = {{
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
    {"storage-classes", "StorageClass"},
    {"custom-resource-definitions", "CustomResourceDefinition"},
    {"ingress-classes", "IngressClass"},
    {"validating-webhook-configurations", "ValidatingWebhookConfiguration"},
    {"mutating-webhook-configurations", "MutatingWebhookConfiguration"},
    {"certificatesigningrequests", "CertificateSigningRequest"},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Per file and kind of check, at most this many problems are listed one by one.
constexpr size_t kMaxProblemsPerCheck = 20;

// A counter of one kind of problem in one file: the first few are listed, the rest summed up.
class ProblemBudget {
 public:
  ProblemBudget(std::string_view path, std::string what, Problems* problems)
      : path_(path), what_(std::move(what)), problems_(problems) {}
  ~ProblemBudget() {
    if (count_ > kMaxProblemsPerCheck) {
      problems_->push_back(
          {std::string(path_), 0, 0,
           std::to_string(count_ - kMaxProblemsPerCheck) + " more " + what_ + " not listed"});
    }
  }
  void Add(uint32_t line, std::string error) {
    if (++count_ <= kMaxProblemsPerCheck) {
      problems_->push_back({std::string(path_), line, 0, std::move(error)});
    }
  }

 private:
  std::string_view path_;
  std::string what_;
  Problems* problems_;
  size_t count_ = 0;
};

// The length of the valid UTF-8 sequence at text[i], or 0 when it is not one.
size_t Utf8Length(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  auto cont = [&](size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return k < text.size() && byte(k) >= lo && byte(k) <= hi;
  };
  unsigned char b = byte(i);
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    unsigned char lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    unsigned char lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

// Both parsers refuse bytes that are not UTF-8, and libyaml stops at the first one. Such bytes
// (a Latin-1 annotation, a corrupted block) are replaced in place with '?', which keeps every
// line and column where it was, and reported once with where the first one is.
void RepairUtf8(std::string_view path, std::string& text, Problems* problems) {
  if (simdjson::validate_utf8(text.data(), text.size())) return;
  size_t count = 0, first = 0;
  unsigned char first_byte = 0;
  for (size_t i = 0; i < text.size();) {
    size_t n = Utf8Length(text, i);
    if (n > 0) {
      i += n;
      continue;
    }
    if (count++ == 0) {
      first = i;
      first_byte = static_cast<unsigned char>(text[i]);
    }
    text[i++] = '?';
  }
  auto line = static_cast<uint32_t>(1 + std::count(text.begin(), text.begin() + first, '\n'));
  size_t start = first == 0 ? std::string::npos : text.rfind('\n', first - 1);
  start = start == std::string::npos ? 0 : start + 1;
  auto column = static_cast<uint32_t>(1 + first - start);
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", first_byte);
  problems->push_back({std::string(path), line, column,
                       "not UTF-8: " + std::to_string(count) + " byte" + (count == 1 ? "" : "s") +
                           " (the first " + hex + ") read as '?'"});
}

// Fields whose value Kubernetes defines as a time. A value that does not parse is reported:
// rules that test an age cannot use it.
bool IsTimeField(std::string_view key) {
  static const std::unordered_set<std::string_view> kTimeFields = {
      "creationTimestamp", "deletionTimestamp", "lastTimestamp",      "firstTimestamp",
      "eventTime",         "startTime",         "lastTransitionTime", "lastProbeTime",
      "lastHeartbeatTime", "lastUpdateTime",    "startedAt",          "finishedAt",
      "completionTime",    "lastScheduleTime",  "lastSuccessfulTime", "renewTime",
      "acquireTime"};
  return kTimeFields.count(key) > 0;
}

// Keys given twice in one map: YAML forbids them and kubectl refuses them, but a hand-edited
// file may have them. The first value is the one read (NodeRef::operator[] finds it first).
void CheckDuplicateKeys(const Document& doc, ProblemBudget* duplicates) {
  std::vector<std::pair<std::string_view, uint32_t>> keys;
  auto report = [&](uint32_t first, uint32_t again) {
    const Node& n = doc.node(again);
    duplicates->Add(n.line, "duplicate key '" +
                                std::string(doc.text(n.key_offset, n.key_size).substr(0, 64)) +
                                "' (first on line " + std::to_string(doc.node(first).line) +
                                "); the first value is read");
  };
  for (uint32_t i = 0; i < doc.node_count(); ++i) {
    const Node& map = doc.node(i);
    if (map.type != NodeType::kMap || map.child_count < 2) continue;
    keys.clear();
    for (uint32_t c = map.first_child; c != kNoNode; c = doc.node(c).next_sibling) {
      keys.emplace_back(doc.text(doc.node(c).key_offset, doc.node(c).key_size), c);
    }
    if (keys.size() <= 8) {  // most maps: no sorting
      for (size_t a = 1; a < keys.size(); ++a) {
        for (size_t b = 0; b < a; ++b) {
          if (keys[a].first == keys[b].first) {
            report(keys[b].second, keys[a].second);
            break;
          }
        }
      }
      continue;
    }
    std::stable_sort(keys.begin(), keys.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t k = 1; k < keys.size(); ++k) {
      if (keys[k].first == keys[k - 1].first) report(keys[k - 1].second, keys[k].second);
    }
  }
}

// Fields the rules read with a fixed shape. A value of another shape (a string where a list
// belongs) reads as absent, so it is reported rather than passed over in silence.
struct FieldShape {
  std::string_view path;  // dotted, from the object
  NodeType type;          // kScalar: a number
};
constexpr std::array<FieldShape, 20> kFieldShapes = {{
    {"metadata.labels", NodeType::kMap},
    {"metadata.annotations", NodeType::kMap},
    {"metadata.ownerReferences", NodeType::kSeq},
    {"spec", NodeType::kMap},
    {"status", NodeType::kMap},
    {"spec.containers", NodeType::kSeq},
    {"spec.initContainers", NodeType::kSeq},
    {"spec.volumes", NodeType::kSeq},
    {"spec.template", NodeType::kMap},
    {"spec.template.spec", NodeType::kMap},
    {"spec.template.spec.containers", NodeType::kSeq},
    {"spec.template.spec.initContainers", NodeType::kSeq},
    {"spec.template.spec.volumes", NodeType::kSeq},
    {"status.conditions", NodeType::kSeq},
    {"status.containerStatuses", NodeType::kSeq},
    {"status.initContainerStatuses", NodeType::kSeq},
    {"spec.replicas", NodeType::kScalar},
    {"status.replicas", NodeType::kScalar},
    {"status.readyReplicas", NodeType::kScalar},
    {"status.availableReplicas", NodeType::kScalar},
}};

std::string_view ShapeName(NodeRef node) {
  if (node.IsMap()) return "a map";
  if (node.IsSeq()) return "a list";
  return node.Number() ? "a number" : "a string";
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
                  const std::vector<uint32_t>& incomplete, const Document* partial,
                  ProblemBudget* shapes, ProblemBudget* times)
      : path_(path),
        kind_hint_(kind_hint),
        out_(out),
        partial_(partial),
        shapes_(shapes),
        times_(times) {
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
    CheckFields(obj);
    out_->objects.push_back(std::move(obj));
  }

  // Kubernetes' own kinds (API groups without a dot, or under k8s.io) have known field shapes
  // and times; custom resources only their metadata.
  static bool IsBuiltinApi(std::string_view api_version) {
    size_t slash = api_version.find('/');
    if (slash == std::string_view::npos) return true;  // "v1", or inherited from the list
    std::string_view group = api_version.substr(0, slash);
    return group.find('.') == std::string_view::npos || group.ends_with(".k8s.io");
  }

  void CheckTime(NodeRef field) {
    if (!field.IsScalar() || ParseTimestamp(field.Str())) return;
    times_->Add(field.line(), "`" + std::string(field.key()) + ": " +
                                  std::string(field.Str().substr(0, 64)) +
                                  "` is not an RFC 3339 time; rules cannot tell its age");
  }

  void CheckFields(const ResourceObject& obj) {
    if (!IsBuiltinApi(obj.api_version)) {
      CheckTime(obj.node["metadata"]["creationTimestamp"]);
      CheckTime(obj.node["metadata"]["deletionTimestamp"]);
      return;
    }
    std::vector<NodeRef> stack{obj.node};
    while (!stack.empty()) {
      NodeRef n = stack.back();
      stack.pop_back();
      bool map = n.IsMap();
      for (NodeRef child : n) {
        if (child.IsMap() || child.IsSeq()) {
          stack.push_back(child);
        } else if (map && IsTimeField(child.key())) {
          CheckTime(child);
        }
      }
    }
    for (const FieldShape& shape : kFieldShapes) {
      NodeRef field = obj.node;
      for (size_t start = 0; field.valid() && start <= shape.path.size();) {
        size_t dot = std::min(shape.path.find('.', start), shape.path.size());
        field = field[shape.path.substr(start, dot - start)];
        start = dot + 1;
      }
      if (!field.valid() || field.IsNull()) continue;
      bool ok = shape.type == NodeType::kScalar ? field.IsScalar() && field.Number().has_value()
                                                : field.type() == shape.type;
      if (ok) continue;
      std::string_view want = shape.type == NodeType::kMap   ? "a map"
                              : shape.type == NodeType::kSeq ? "a list"
                                                             : "a number";
      shapes_->Add(field.line(), obj.kind + " " + (obj.ns.empty() ? "" : obj.ns + "/") + obj.name +
                                     ": `" + std::string(shape.path) + "` is " +
                                     std::string(ShapeName(field)) + ", not " + std::string(want) +
                                     "; rules read it as absent");
    }
  }

  std::string_view path_;
  std::string_view kind_hint_;
  ParsedResources* out_;
  std::unordered_set<uint32_t> incomplete_;
  const Document* partial_;
  ProblemBudget* shapes_;
  ProblemBudget* times_;
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
  RepairUtf8(path, text, &out->problems);
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
  ProblemBudget duplicates(path, "duplicate keys", &out->problems);
  ProblemBudget times(path, "times that do not parse", &out->problems);
  ProblemBudget shapes(path, "fields of the wrong shape", &out->problems);
  for (size_t i = first_doc; i < out->documents.size(); ++i) {
    CheckDuplicateKeys(*out->documents[i], &duplicates);
    ObjectCollector collector(path, kind_hint, out, syntax.incomplete, partial, &shapes, &times);
    collector.FromRoot(out->documents[i]->root());
  }
}

}  // namespace kubesift
