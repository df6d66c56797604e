#include "bundle/layout.h"

#include <vector>

namespace kubesift {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool IsMarker(std::string_view part) {
  return part == "manifest.json" || part == "resources" || part == "logs" || part == "nodes";
}

bool StripSuffix(std::string_view* s, std::string_view suffix) {
  if (s->size() <= suffix.size() || !s->ends_with(suffix)) return false;
  s->remove_suffix(suffix.size());
  return true;
}

}  // namespace

bool EscapesBundle(std::string_view path) {
  if (path.empty() || path.front() == '/') return true;
  int depth = 0;
  for (std::string_view part : Split(path)) {
    depth += part == ".." ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

EntryClass ClassifyEntry(std::string_view path, std::string_view known_root) {
  EntryClass c;
  std::vector<std::string_view> parts = Split(path);
  auto marker = [](std::string_view p) { return IsMarker(p) || IsTroubleshootMarker(p); };
  size_t first = 0;
  if (parts.size() >= 2 && !marker(parts[0]) &&
      (marker(parts[1]) || (!known_root.empty() && parts[0] == known_root))) {
    c.root = std::string(parts[0]);
    first = 1;
  }
  for (size_t i = first; i < parts.size(); ++i) {
    c.rel += (i > first ? "/" : "") + std::string(parts[i]);
  }
  if (parts.size() > first && IsTroubleshootMarker(parts[first])) {
    ClassifyTroubleshoot(std::vector<std::string_view>(parts.begin() + first, parts.end()), &c);
    return c;
  }
  size_t n = parts.size() - first;
  auto at = [&](size_t i) { return parts[first + i]; };
  if (n >= 1 && IsMarker(at(0))) c.format = BundleFormat::kKubesift;
  if (n == 1 && at(0) == "manifest.json") {
    c.role = EntryRole::kManifest;
    return c;
  }
  if (n == 2 && at(0) == "resources") {
    std::string_view file = at(1);
    if (StripSuffix(&file, ".yaml") || StripSuffix(&file, ".yml") || StripSuffix(&file, ".json")) {
      c.role = EntryRole::kResource;
      c.type_name = std::string(file);
      return c;
    }
  }
  if (n == 4 && at(0) == "logs") {
    std::string_view file = at(3);
    if (StripSuffix(&file, ".previous.log")) {
      c.role = EntryRole::kPreviousLog;
    } else if (StripSuffix(&file, ".log")) {
      c.role = EntryRole::kPodLog;
    }
    if (c.role != EntryRole::kUnknown) {
      c.ns = std::string(at(1));
      c.pod = std::string(at(2));
      c.container = std::string(file);
      return c;
    }
  }
  if (n == 4 && at(0) == "nodes") {
    std::string_view file = at(3);
    if (at(2) == "journal" && StripSuffix(&file, ".log")) {
      c.role = EntryRole::kJournal;
      c.node = std::string(at(1));
      c.unit = std::string(file);
      return c;
    }
    if (at(2) == "host" && StripSuffix(&file, ".txt")) {
      c.role = EntryRole::kHostFact;
      c.node = std::string(at(1));
      c.fact = std::string(file);
      return c;
    }
  }
  // Anything else that looks like YAML or JSON: resources recognised by content.
  std::string_view last = parts.empty() ? std::string_view() : parts.back();
  std::string_view stem = last;
  if (StripSuffix(&stem, ".yaml") || StripSuffix(&stem, ".yml") || StripSuffix(&stem, ".json")) {
    c.role = EntryRole::kResource;
    c.type_name = std::string(stem);
  }
  return c;
}

}  // namespace kubesift
