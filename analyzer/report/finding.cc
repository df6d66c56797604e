#include "report/finding.h"

#include <algorithm>
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

void SortFindings(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    bool a_root = a.caused_by.empty(), b_root = b.caused_by.empty();
    return std::make_tuple(!a_root, -static_cast<int>(a.severity), std::cref(a.rule),
                           std::cref(a.subject.kind), std::cref(a.subject.ns),
                           std::cref(a.subject.name)) <
           std::make_tuple(!b_root, -static_cast<int>(b.severity), std::cref(b.rule),
                           std::cref(b.subject.kind), std::cref(b.subject.ns),
                           std::cref(b.subject.name));
  });
}

}  // namespace kubesift
