// What kind of text a line comes from. Rule patterns name the sources they apply to, and a
// hit keeps the source so the finding can name the pod, container or node it is about.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kubesift {

enum class SourceKind : uint8_t { kPodLog, kPreviousLog, kJournal, kHostFact, kEvent };

std::string_view SourceKindName(SourceKind kind);

// One text file of the bundle (or the messages of the events), as scanned.
struct TextSource {
  SourceKind kind = SourceKind::kPodLog;
  std::string path;  // bundle-relative
  // Pod logs: the container's pod; journals and host facts: the node and unit or fact name.
  std::string ns, pod, container, node, unit, fact;
  uint64_t bytes = 0;
  uint64_t lines = 0;
  bool truncated = false;         // cut by a read limit
  size_t tail_lines = 12;         // how many of the last lines to keep
  std::vector<std::string> tail;  // the last lines, for the report
};

// A pattern's "sources:" entry: a kind, and for journals and host facts optionally a unit or
// fact name ("journal:kubelet", "host:swap").
struct SourceFilter {
  SourceKind kind = SourceKind::kPodLog;
  std::string name;  // "" = any unit or fact
  bool Accepts(const TextSource& source) const;
};

// Parses "pod-log", "previous-log", "journal", "journal:UNIT", "host", "host:FACT", "event".
bool ParseSourceFilter(std::string_view text, SourceFilter* out);

}  // namespace kubesift
