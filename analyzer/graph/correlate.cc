#include "graph/correlate.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace kubesift {
namespace {

std::string SubjectKey(const Subject& s) { return s.kind + "/" + s.ns + "/" + s.name; }

class Links {
 public:
  explicit Links(size_t n) : out_(n) {}

  bool Reaches(size_t from, size_t to) const {
    std::vector<size_t> todo{from};
    std::vector<bool> seen(out_.size());
    while (!todo.empty()) {
      size_t x = todo.back();
      todo.pop_back();
      if (x == to) return true;
      if (seen[x]) continue;
      seen[x] = true;
      for (size_t y : out_[x]) todo.push_back(y);
    }
    return false;
  }

  // Adds a → b unless it would close a cycle.
  void Add(size_t a, size_t b) {
    if (a == b || out_[a].count(b) || Reaches(b, a)) return;
    out_[a].insert(b);
  }

  // Drops a → c when a → b → … → c also exists: the tree shows each step once.
  void Reduce() {
    for (size_t a = 0; a < out_.size(); ++a) {
      std::vector<size_t> drop;
      for (size_t c : out_[a]) {
        for (size_t b : out_[a]) {
          if (b != c && Reaches(b, c)) {
            drop.push_back(c);
            break;
          }
        }
      }
      for (size_t c : drop) out_[a].erase(c);
    }
  }

  const std::set<size_t>& From(size_t a) const { return out_[a]; }

 private:
  std::vector<std::set<size_t>> out_;
};

}  // namespace

void Correlate(const ObjectGraph& graph, const CompiledRules& rules,
               std::vector<Finding>* findings) {
  std::vector<Finding>& f = *findings;
  std::unordered_map<std::string, std::vector<size_t>> by_subject;
  for (size_t i = 0; i < f.size(); ++i) by_subject[SubjectKey(f[i].subject)].push_back(i);

  // Candidate links, in a deterministic order so cycle breaking is reproducible.
  std::vector<std::pair<size_t, size_t>> candidates;
  for (size_t a = 0; a < f.size(); ++a) {
    const Rule* rule = rules.Find(f[a].rule);
    if (!rule || rule->explains.empty()) continue;
    std::set<std::string> explained(rule->explains.begin(), rule->explains.end());
    std::vector<std::string> subjects{SubjectKey(f[a].subject)};
    if (const Object* o =
            graph.index().Find(f[a].subject.kind, f[a].subject.ns, f[a].subject.name)) {
      for (const Object* affected : graph.Affected(*o)) {
        subjects.push_back(SubjectKey({affected->kind, affected->ns, affected->name}));
      }
    }
    for (const std::string& key : subjects) {
      auto it = by_subject.find(key);
      if (it == by_subject.end()) continue;
      for (size_t b : it->second) {
        if (explained.count(f[b].rule)) candidates.emplace_back(a, b);
      }
    }
  }
  std::sort(candidates.begin(), candidates.end(), [&](const auto& x, const auto& y) {
    return std::tie(f[x.first].id, f[x.second].id) < std::tie(f[y.first].id, f[y.second].id);
  });
  Links links(f.size());
  for (const auto& [a, b] : candidates) links.Add(a, b);
  links.Reduce();
  for (size_t a = 0; a < f.size(); ++a) {
    for (size_t b : links.From(a)) {
      f[a].explains.push_back(f[b].id);
      f[b].caused_by.push_back(f[a].id);
    }
  }
  for (Finding& x : f) {
    std::sort(x.explains.begin(), x.explains.end());
    std::sort(x.caused_by.begin(), x.caused_by.end());
  }
}

size_t CountExplained(const std::vector<Finding>& findings, size_t index) {
  std::map<std::string, size_t> by_id;
  for (size_t i = 0; i < findings.size(); ++i) by_id[findings[i].id] = i;
  std::set<size_t> seen;
  std::vector<size_t> todo{index};
  while (!todo.empty()) {
    size_t x = todo.back();
    todo.pop_back();
    for (const std::string& id : findings[x].explains) {
      auto it = by_id.find(id);
      if (it != by_id.end() && seen.insert(it->second).second) todo.push_back(it->second);
    }
  }
  return seen.size();
}

}  // namespace kubesift
