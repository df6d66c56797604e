// troubleshoot.sh support bundles, as its collectors write them: cluster-resources/ holds typed
// List JSON per kind and namespace (bare arrays for custom resources), pod logs live under
// cluster-resources/pods/logs/, host collectors under host-collectors/, and every collector
// that failed leaves a *-errors.json. Other collectors' output (databases, HTTP checks, copies
// from hosts) is known but not analysed.
#include <string>

#include "bundle/layout.h"

namespace kubesift {
namespace {

bool CutSuffix(std::string_view* s, std::string_view suffix) {
  if (s->size() <= suffix.size() || !s->ends_with(suffix)) return false;
  s->remove_suffix(suffix.size());
  return true;
}

bool IsData(std::string_view file, std::string* stem) {
  std::string_view s = file;
  if (CutSuffix(&s, ".json") || CutSuffix(&s, ".yaml") || CutSuffix(&s, ".yml")) {
    *stem = std::string(s);
    return true;
  }
  return false;
}

// Folders of cluster-resources/ that hold no Kubernetes objects.
bool NotObjects(std::string_view dir) {
  return dir == "auth-cani-list" || dir == "image-pull-secrets" || dir == "resources" ||
         dir == "groups";
}

void Resource(std::string_view type, EntryClass* c) {
  c->role = EntryRole::kResource;
  c->type_name = std::string(type);
}

}  // namespace

bool IsTroubleshootMarker(std::string_view p) {
  return p == "version.yaml" || p == "cluster-resources" || p == "host-collectors" ||
         p == "cluster-info" || p == "collector-errors" || p == "execution-data";
}

void ClassifyTroubleshoot(const std::vector<std::string_view>& t, EntryClass* c) {
  c->format = BundleFormat::kTroubleshoot;
  c->role = EntryRole::kIgnored;
  std::string_view last = t.back();
  if (last.ends_with("-errors.json") || t.front() == "collector-errors") {
    c->role = EntryRole::kNotCollected;
    return;
  }
  if (t.size() == 1 && t[0] == "version.yaml") {
    c->role = EntryRole::kFormatMarker;
    return;
  }
  std::string stem;
  if (t[0] == "cluster-resources") {
    if (t.size() == 6 && t[1] == "pods" && t[2] == "logs") {
      std::string_view file = t[5];
      if (file.ends_with("-logs-errors.log")) {
        c->role = EntryRole::kNotCollected;
        return;
      }
      bool previous = CutSuffix(&file, "-previous.log");
      if (!previous && !CutSuffix(&file, ".log")) return;
      c->role = previous ? EntryRole::kPreviousLog : EntryRole::kPodLog;
      c->ns = std::string(t[3]);
      c->pod = std::string(t[4]);
      c->container = std::string(file);
      return;
    }
    if (t.size() == 2 && IsData(t[1], &stem) && !NotObjects(stem)) {
      Resource(stem, c);  // cluster-scoped: nodes.json, clusterRoleBindings.json, …
    } else if (t.size() >= 3 && t[1] == "custom-resources" && IsData(last, &stem)) {
      Resource("", c);  // custom resources carry their own kinds
    } else if (t.size() == 3 && !NotObjects(t[1]) && IsData(t[2], &stem)) {
      Resource(t[1], c);  // <kind dir>/<namespace>.json
    }
    return;
  }
  if (t[0] == "host-collectors" && t.size() >= 3) {
    std::string_view file = last;
    if (file.ends_with("-stderr.txt") || file.ends_with("-info.json")) return;
    if (!CutSuffix(&file, ".txt")) return;
    // host-collectors/<dir>/<name>.txt on one host, …/<dir>/<node>/<name>.txt on several.
    c->node = t.size() == 4 ? std::string(t[2]) : "host";
    if (t[1] == "journald") {
      c->role = EntryRole::kJournal;
      c->unit = std::string(file);
    } else if (t[1] == "run-host") {
      c->role = EntryRole::kHostFact;
      c->fact = std::string(file);
    }
  }
}

}  // namespace kubesift
