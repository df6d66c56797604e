#include "scan/text_source.h"

namespace kubesift {

std::string_view SourceKindName(SourceKind kind) {
  switch (kind) {
    case SourceKind::kPodLog:
      return "pod-log";
    case SourceKind::kPreviousLog:
      return "previous-log";
    case SourceKind::kJournal:
      return "journal";
    case SourceKind::kHostFact:
      return "host";
    case SourceKind::kEvent:
      return "event";
  }
  return "?";
}

bool SourceFilter::Accepts(const TextSource& source) const {
  if (source.kind != kind) return false;
  if (name.empty()) return true;
  if (kind == SourceKind::kJournal) return source.unit == name;
  if (kind == SourceKind::kHostFact) return source.fact == name;
  return true;
}

bool ParseSourceFilter(std::string_view text, SourceFilter* out) {
  std::string_view head = text.substr(0, text.find(':'));
  std::string_view name =
      text.find(':') == std::string_view::npos ? "" : text.substr(text.find(':') + 1);
  static constexpr SourceKind kKinds[] = {SourceKind::kPodLog, SourceKind::kPreviousLog,
                                          SourceKind::kJournal, SourceKind::kHostFact,
                                          SourceKind::kEvent};
  for (SourceKind k : kKinds) {
    if (SourceKindName(k) == head) {
      if (!name.empty() && k != SourceKind::kJournal && k != SourceKind::kHostFact) return false;
      out->kind = k;
      out->name = std::string(name);
      return true;
    }
  }
  return false;
}

}  // namespace kubesift
