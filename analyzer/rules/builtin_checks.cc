#include "rules/builtin_checks.h"

#include <algorithm>
#include <array>
#include <set>

#include "rules/rule_loader.h"

namespace kubesift {
namespace {

using Labels = std::map<std::string, std::string, std::less<>>;

Labels LabelsOf(NodeRef map) {
  Labels labels;
  for (NodeRef kv : map) labels.emplace(std::string(kv.key()), std::string(kv.Str()));
  return labels;
}

bool SelectorMatches(const Labels& selector, const Labels& labels) {
  for (const auto& [k, v] : selector) {
    auto it = labels.find(k);
    if (it == labels.end() || it->second != v) return false;
  }
  return true;
}

std::string Format(const Labels& labels) {
  std::string out;
  for (const auto& [k, v] : labels) out += (out.empty() ? "" : ", ") + k + ": " + v;
  return out;
}

// A Service with a selector that matches no pod in its namespace: its Endpoints stay empty.
// The nearest label value that pods do carry is offered as "did you mean".
void ServiceSelectorMatchesNoPod(const Index& index, double, std::vector<CheckResult>* out) {
  if (!index.Collected("Pod")) return;  // pods not collected: nothing can be said
  std::map<std::string, std::vector<Labels>> pods_by_ns;
  for (const Object* pod : index.OfKind("Pod")) {
    pods_by_ns[pod->ns].push_back(LabelsOf(pod->node["metadata"]["labels"]));
  }
  for (const Object* svc : index.OfKind("Service")) {
    NodeRef spec = svc->node["spec"];
    if (spec["type"].Str() == "ExternalName") continue;
    NodeRef selector_node = spec["selector"];
    Labels selector = LabelsOf(selector_node);
    if (selector.empty()) continue;  // selector-less Services manage their own Endpoints
    const auto& pods = pods_by_ns[svc->ns];
    if (std::any_of(pods.begin(), pods.end(),
                    [&](const Labels& l) { return SelectorMatches(selector, l); })) {
      continue;
    }
    CheckResult r;
    r.object = svc;
    r.subject = {svc->kind, svc->ns, svc->name};
    r.evidence.push_back(EvidenceAt(index, *svc, selector_node));
    for (NodeRef kv : selector_node) r.evidence.push_back(EvidenceAt(index, *svc, kv));
    r.vars["selector"] = Format(selector);
    // Suggest, per selector key, the closest value pods in the namespace carry for that key.
    std::string suggestion;
    for (const auto& [key, value] : selector) {
      std::map<std::string, int> values;
      for (const Labels& l : pods) {
        if (auto it = l.find(key); it != l.end()) ++values[it->second];
      }
      if (values.count(value)) continue;
      std::vector<std::string> candidates;
      for (const auto& [v, n] : values) candidates.push_back(v);
      std::string near = DidYouMean(value, candidates);
      if (!near.empty()) {
        suggestion += (suggestion.empty() ? "" : "; ") + std::string("did you mean `") + key +
                      ": " + near + "`, which " + std::to_string(values[near]) + " pod" +
                      (values[near] == 1 ? "" : "s") + " carry?";
      }
    }
    r.vars["suggestion"] =
        suggestion.empty() ? "no pod in the namespace has a similar label" : suggestion;
    out->push_back(std::move(r));
  }
}

struct NamedCheck {
  std::string_view name;
  BuiltinCheck check;
};

constexpr std::array<NamedCheck, 1> kChecks = {{
    {"service-selector-matches-no-pod", &ServiceSelectorMatchesNoPod},
}};

}  // namespace

Evidence EvidenceAt(const Index& index, const Object& object, NodeRef node) {
  uint32_t line = node.valid() ? node.line() : object.line;
  return Evidence{*object.path, line, std::string(index.LineText(*object.path, line))};
}

BuiltinCheck FindBuiltinCheck(std::string_view name) {
  for (const NamedCheck& c : kChecks) {
    if (c.name == name) return c.check;
  }
  return nullptr;
}

std::vector<std::string> BuiltinCheckNames() {
  std::vector<std::string> names;
  for (const NamedCheck& c : kChecks) names.emplace_back(c.name);
  return names;
}

}  // namespace kubesift
