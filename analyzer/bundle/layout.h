// What each entry of a bundle is, by its path. Layout v1 (docs/bundle-format.md):
//   manifest.json, resources/<type>.{yaml,json}, logs/<ns>/<pod>/<container>[.previous].log,
//   nodes/<node>/journal/<unit>.log, nodes/<node>/host/<fact>.txt
// under one optional top-level folder. Anything else that looks like YAML or JSON is read as
// resources by content, so a folder of plain `kubectl get -o yaml` files works too.
#pragma once

#include <string>
#include <string_view>

namespace kubesift {

enum class EntryRole { kManifest, kResource, kPodLog, kPreviousLog, kJournal, kHostFact, kUnknown };

struct EntryClass {
  EntryRole role = EntryRole::kUnknown;
  std::string root;       // the top-level folder, "" when the bundle has none
  std::string rel;        // path below the root: what reports cite
  std::string type_name;  // resources: "pods", "deployments.apps"
  std::string ns, pod, container, node, unit, fact;
};

EntryClass ClassifyEntry(std::string_view path);

// Does the path leave the bundle ("/etc/passwd", "a/../../x")?
bool EscapesBundle(std::string_view normalized_path);

}  // namespace kubesift
