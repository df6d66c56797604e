#include "report/replicas.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "rules/condition.h"

namespace kubesift {
namespace {

constexpr size_t kMaxUneven = 10;
constexpr size_t kMaxReplicas = 50;  // beyond that, a table of lines is not readable

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
  // (workload, container) → the replicas' logs.
  std::map<std::pair<std::string, std::string>, std::vector<const TextSource*>> groups;
  for (const TextSource& s : index.text_sources()) {
    if (s.kind != SourceKind::kPodLog || s.tail.empty()) continue;
    const Object* pod = index.Find("Pod", s.ns, s.pod);
    if (!pod) continue;
    std::vector<const Object*> owners = graph.Owners(*pod);
    if (owners.empty()) continue;
    const Object* top = owners.back();
    groups[{top->kind + " " + top->ns + "/" + top->name, s.container}].push_back(&s);
  }
  std::vector<ReplicaComparison> out;
  for (const auto& [key, logs] : groups) {
    if (logs.size() < 2 || logs.size() > kMaxReplicas) continue;
    // Distinct lines (views into the kept tails) and which replicas logged each.
    std::unordered_map<std::string_view, std::vector<uint32_t>> by_line;
    for (uint32_t r = 0; r < logs.size(); ++r) {
      for (const std::string& l : logs[r]->tail) {
        std::string_view text = WithoutTimestamp(l);
        if (text.empty()) continue;
        std::vector<uint32_t>& who = by_line[text];
        if (who.empty() || who.back() != r) who.push_back(r);
      }
    }
    ReplicaComparison c{key.first, key.second, logs.size(), 0, {}};
    for (const auto& [line, who] : by_line) {
      if (who.size() == logs.size()) {
        ++c.shared_lines;
        continue;
      }
      if (c.uneven.size() > kMaxUneven) continue;  // already too different to be worth showing
      ReplicaLine rl{std::string(line), {}};
      for (uint32_t r : who) rl.pods.push_back(logs[r]->pod);
      c.uneven.push_back(std::move(rl));
    }
    // Worth showing only when replicas mostly agree and a few lines set some apart.
    if (c.uneven.empty() || c.uneven.size() > kMaxUneven || c.shared_lines < c.uneven.size()) {
      continue;
    }
    std::sort(c.uneven.begin(), c.uneven.end(), [](const auto& a, const auto& b) {
      return std::make_pair(a.pods.size(), std::cref(a.text)) <
             std::make_pair(b.pods.size(), std::cref(b.text));
    });
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace kubesift
