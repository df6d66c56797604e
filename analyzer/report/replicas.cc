#include "report/replicas.h"

#include <algorithm>
#include <map>
#include <set>

#include "rules/condition.h"

namespace kubesift {
namespace {

constexpr size_t kMaxUneven = 10;

// "2026-11-28T10:11:18.492Z message" → "message"; lines without a timestamp stay whole.
std::string_view WithoutTimestamp(std::string_view line) {
  size_t space = line.find(' ');
  if (space != std::string_view::npos && ParseTimestamp(line.substr(0, space))) {
    line.remove_prefix(space + 1);
  }
  return line;
}

}  // namespace

std::vector<ReplicaComparison> CompareReplicas(const Index& index, const ObjectGraph& graph) {
  // (workload, container) → pod → its distinct lines.
  std::map<std::pair<std::string, std::string>, std::map<std::string, std::set<std::string>>> logs;
  for (const TextSource& s : index.text_sources()) {
    if (s.kind != SourceKind::kPodLog || s.tail.empty()) continue;
    const Object* pod = index.Find("Pod", s.ns, s.pod);
    if (!pod) continue;
    std::vector<const Object*> owners = graph.Owners(*pod);
    if (owners.empty()) continue;
    const Object* top = owners.back();
    auto& lines = logs[{top->kind + " " + top->ns + "/" + top->name, s.container}][s.pod];
    for (const std::string& l : s.tail) {
      std::string_view text = WithoutTimestamp(l);
      if (!text.empty()) lines.emplace(text);
    }
  }
  std::vector<ReplicaComparison> out;
  for (const auto& [key, pods] : logs) {
    if (pods.size() < 2) continue;
    std::map<std::string, std::vector<std::string>> by_line;
    for (const auto& [pod, lines] : pods) {
      for (const std::string& l : lines) by_line[l].push_back(pod);
    }
    ReplicaComparison c{key.first, key.second, pods.size(), 0, {}};
    for (auto& [line, who] : by_line) {
      if (who.size() == pods.size()) {
        ++c.shared_lines;
      } else {
        c.uneven.push_back({line, who});
      }
    }
    // Worth showing only when replicas mostly agree and a few lines set some apart.
    if (c.uneven.empty() || c.uneven.size() > kMaxUneven || c.shared_lines < c.uneven.size()) {
      continue;
    }
    std::stable_sort(c.uneven.begin(), c.uneven.end(),
                     [](const auto& a, const auto& b) { return a.pods.size() < b.pods.size(); });
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace kubesift
