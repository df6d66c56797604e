// What each entry of a bundle is, by its path. Layout v1 (docs/bundle-format.md):
//   manifest.json, resources/<type>.{yaml,json}, logs/<ns>/<pod>/<container>[.previous].log,
//   nodes/<node>/journal/<unit>.log, nodes/<node>/host/<fact>.txt
// under one optional top-level folder. Anything else that looks like YAML or JSON is read as
// resources by content, so a folder of plain `kubectl get -o yaml` files works too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kubesift {

enum class EntryRole {
  kManifest,
  kResource,
  kPodLog,
  kPreviousLog,
  kJournal,
  kHostFact,
  kNotCollected,  // a producer's record that something could not be collected
  kFormatMarker,  // says which producer wrote the bundle (troubleshoot.sh's version.yaml)
  kIgnored,       // known, but nothing an analysis reads (API discovery, collector debris)
  kUnknown,
};

enum class BundleFormat { kKubesift, kTroubleshoot, kGeneric };

struct EntryClass {
  EntryRole role = EntryRole::kUnknown;
  BundleFormat format = BundleFormat::kGeneric;
  std::string root;       // the top-level folder, "" when the bundle has none
  std::string rel;        // path below the root: what reports cite
  std::string type_name;  // resources: "pods", "deployments.apps"
  std::string ns, pod, container, node, unit, fact;
};

// `known_root`, when the bundle's top folder is already known, is stripped from paths that
// carry no marker of their own (a troubleshoot.sh collector's arbitrary folder).
EntryClass ClassifyEntry(std::string_view path, std::string_view known_root = "");

// The troubleshoot.sh layout (docs/bundle-format.md), for paths below its top folder.
bool IsTroubleshootMarker(std::string_view first_component);
void ClassifyTroubleshoot(const std::vector<std::string_view>& parts, EntryClass* c);

// Does the path leave the bundle ("/etc/passwd", "a/../../x")?
bool EscapesBundle(std::string_view normalized_path);

}  // namespace kubesift
