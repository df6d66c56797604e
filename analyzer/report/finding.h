// Findings are the analyzer's output as data. The Markdown, JSON and other writers all render
// the same sorted list, so what a test asserts on a Finding is what every reader sees.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "problem.h"

namespace kubesift {

enum class Severity : uint8_t { kInfo = 0, kWarning = 1, kCritical = 2 };

std::string_view SeverityName(Severity s);
bool ParseSeverity(std::string_view text, Severity* out);

struct Subject {
  std::string kind, ns, name;
  bool operator==(const Subject&) const = default;
  std::string Display() const;  // "Pod shop/app-1-7d4b" or "Node node-02"
};

struct Evidence {
  std::string path;   // bundle-relative
  uint64_t line = 0;  // 1-based; 0 when the evidence has no single line
  std::string text;   // verbatim excerpt
};

// The warning events of a finding's subject with one reason, added up.
struct EventSummary {
  std::string reason;
  uint64_t count = 0;
  std::string last;     // the newest event's time
  std::string message;  // the newest event's message
};

struct Finding {
  std::string id;  // <rule>/<kind>/<namespace>/<name>, stable across runs
  std::string rule;
  Severity severity = Severity::kInfo;
  std::string category;
  std::string title;
  std::string message;
  Subject subject;
  std::string owner;  // the workload that owns a Pod subject ("Deployment shop/app-1"), or ""
  std::vector<Evidence> evidence;
  std::string fix;
  std::string detail;  // preformatted, e.g. a diff between two revisions; "" when none
  std::vector<EventSummary> events;  // the subject's warning events, by reason
  std::vector<std::string> caused_by;
  std::vector<std::string> explains;
};

std::string FindingId(std::string_view rule, const Subject& subject);

// What a finding explains, directly or through others: the worst severity among it and them,
// and how many they are.
struct Impact {
  Severity worst;
  size_t explained;
};
Impact ImpactOf(const std::vector<Finding>& findings, size_t index);
Severity EffectiveSeverity(const std::vector<Finding>& findings, size_t index);

// Root causes first (findings nothing explains), ranked by the worst finding they explain,
// then by severity, rule and subject.
void SortFindings(std::vector<Finding>* findings);

}  // namespace kubesift
