#include "report/timeline.h"

#include <algorithm>
#include <set>

#include "rules/condition.h"

namespace kubesift {
namespace {

std::string Where(const Object& o, NodeRef n) {
  return *o.path + ":" + std::to_string(n.valid() ? n.line() : o.line);
}

std::string Oneline(std::string_view s, size_t max = 160) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
  if (out.size() > max) out = out.substr(0, max) + "…";
  return out;
}

void AddEvents(const Index& index, std::vector<TimelineEntry>* out) {
  for (const Object* e : index.OfKind("Event")) {
    if (e->node["type"].Str() != "Warning") continue;
    NodeRef first = e->node["firstTimestamp"];
    if (first.IsNull() || !first.valid()) first = e->node["eventTime"];
    auto t = ParseTimestamp(first.Str());
    if (!t) continue;
    NodeRef io = e->node["involvedObject"];
    std::string subject =
        std::string(io["kind"].Str()) + " " +
        (io["namespace"].Str().empty() ? "" : std::string(io["namespace"].Str()) + "/") +
        std::string(io["name"].Str());
    std::string what = std::string(e->node["reason"].Str());
    auto count = e->node["count"].Number();
    if (count && *count > 1) {
      what += " ×" + std::to_string(static_cast<int64_t>(*count)) + " (last " +
              std::string(e->node["lastTimestamp"].Str()) + ")";
    }
    what += ": " + Oneline(e->node["message"].Str());
    out->push_back({*t, std::string(first.Str()), subject, what, Where(*e, e->node["reason"])});
  }
}

void AddTerminations(const Index& index, std::vector<TimelineEntry>* out) {
  for (const Object* pod : index.OfKind("Pod")) {
    for (const char* list : {"initContainerStatuses", "containerStatuses"}) {
      for (NodeRef cs : pod->node["status"][list]) {
        for (const char* state : {"lastState", "state"}) {
          NodeRef term = cs[state]["terminated"];
          if (!term.valid()) continue;
          std::string_view reason = term["reason"].Str();
          if (reason == "Completed") continue;  // a normal end, not an event to explain
          auto t = ParseTimestamp(term["finishedAt"].Str());
          if (!t) continue;
          out->push_back(
              {*t, std::string(term["finishedAt"].Str()), "Pod " + pod->ns + "/" + pod->name,
               "container " + std::string(cs["name"].Str()) + " terminated: " +
                   std::string(reason) + " (exit " + std::string(term["exitCode"].Str()) + ")",
               Where(*pod, term)});
        }
      }
    }
  }
}

void AddNodeConditions(const Index& index, std::vector<TimelineEntry>* out) {
  for (const Object* node : index.OfKind("Node")) {
    for (NodeRef c : node->node["status"]["conditions"]) {
      std::string_view type = c["type"].Str(), status = c["status"].Str();
      bool healthy = type == "Ready" ? status == "True" : status == "False";
      if (healthy) continue;
      auto t = ParseTimestamp(c["lastTransitionTime"].Str());
      if (!t) continue;
      out->push_back({*t, std::string(c["lastTransitionTime"].Str()), "Node " + node->name,
                      std::string(type) + " became " + std::string(status) + ": " +
                          Oneline(c["message"].Str()),
                      Where(*node, c["lastTransitionTime"])});
    }
  }
}

// Journal and log lines that findings cite, when they start with a timestamp.
void AddCitedLines(const std::vector<Finding>& findings, std::vector<TimelineEntry>* out) {
  std::set<std::string> seen;
  for (const Finding& f : findings) {
    for (const Evidence& e : f.evidence) {
      if (e.path.starts_with("resources/")) continue;
      std::string_view text = e.text;
      std::string_view stamp = text.substr(0, text.find(' '));
      auto t = ParseTimestamp(stamp);
      std::string where = e.path + ":" + std::to_string(e.line);
      if (!t || !seen.insert(where).second) continue;
      out->push_back({*t, std::string(stamp), f.subject.Display(),
                      Oneline(text.substr(std::min(text.size(), stamp.size() + 1))), where});
    }
  }
}

}  // namespace

std::vector<TimelineEntry> BuildTimeline(const Index& index, const std::vector<Finding>& findings,
                                         double collected, size_t limit) {
  std::vector<TimelineEntry> entries;
  AddEvents(index, &entries);
  AddTerminations(index, &entries);
  AddNodeConditions(index, &entries);
  AddCitedLines(findings, &entries);
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::tie(a.time, a.subject, a.what) < std::tie(b.time, b.subject, b.what);
  });
  if (entries.size() > limit) entries.erase(entries.begin(), entries.end() - limit);
  if (!entries.empty() && collected > 0) {
    entries.push_back({collected, "", "", "the bundle is collected", ""});
  }
  return entries;
}

}  // namespace kubesift
