#include "report/finding.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace kubesift {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "critical";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "info";
}

bool ParseSeverity(std::string_view text, Severity* out) {
  for (Severity s : {Severity::kInfo, Severity::kWarning, Severity::kCritical}) {
    if (SeverityName(s) == text) {
      *out = s;
      return true;
    }
  }
  return false;
}

std::string Subject::Display() const { return kind + " " + (ns.empty() ? "" : ns + "/") + name; }

std::string FindingId(std::string_view rule, const Subject& subject) {
  std::string id(rule);
  id += "/" + subject.kind + "/";
  if (!subject.ns.empty()) id += subject.ns + "/";
  id += subject.name;
  return id;
}

Impact ImpactOf(const std::vector<Finding>& findings, size_t index) {
  std::map<std::string_view, size_t> by_id;
  for (size_t i = 0; i < findings.size(); ++i) by_id[findings[i].id] = i;
  Impact impact{findings[index].severity, 0};
  std::vector<size_t> todo{index};
  std::set<size_t> seen{index};
  while (!todo.empty()) {
    size_t x = todo.back();
    todo.pop_back();
    impact.worst = std::max(impact.worst, findings[x].severity);
    for (const std::string& id : findings[x].explains) {
      auto it = by_id.find(id);
      if (it != by_id.end() && seen.insert(it->second).second) todo.push_back(it->second);
    }
  }
  impact.explained = seen.size() - 1;
  return impact;
}

Severity EffectiveSeverity(const std::vector<Finding>& findings, size_t index) {
  return ImpactOf(findings, index).worst;
}

void SortFindings(std::vector<Finding>* findings) {
  // A root cause ranks by the worst finding it explains — swap left on (info) that stops the
  // kubelet (critical) is a critical root cause — and then by how much it explains.
  std::vector<Severity> rank(findings->size());
  std::vector<size_t> reach(findings->size());
  for (size_t i = 0; i < findings->size(); ++i) {
    Impact impact = ImpactOf(*findings, i);
    bool root = (*findings)[i].caused_by.empty();
    rank[i] = root ? impact.worst : (*findings)[i].severity;
    reach[i] = root ? impact.explained : 0;
  }
  std::vector<size_t> order(findings->size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::vector<Finding>& f = *findings;
  auto key = [&](size_t i) {
    return std::make_tuple(!f[i].caused_by.empty(), -static_cast<int>(rank[i]),
                           -static_cast<int64_t>(reach[i]), -static_cast<int>(f[i].severity),
                           std::cref(f[i].rule), std::cref(f[i].subject.kind),
                           std::cref(f[i].subject.ns), std::cref(f[i].subject.name));
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
  std::vector<Finding> sorted;
  sorted.reserve(f.size());
  for (size_t i : order) sorted.push_back(std::move((*findings)[i]));
  *findings = std::move(sorted);
}

}  // namespace kubesift
