// Relations no field condition can express, written in C++. Each is named by a rule file's
// `check:` field, so it is listed, documented and tested like every other rule; the rule file
// supplies the title, severity, message template and fix, the check supplies subjects,
// evidence and template variables.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "graph/object_graph.h"
#include "report/finding.h"
#include "resources/index.h"

namespace kubesift {

struct CheckContext {
  const Index& index;
  const ObjectGraph& graph;
  double now;  // collection time, epoch seconds
};

struct CheckResult {
  const Object* object = nullptr;  // the subject's object, for {path} templates; may be null
  Subject subject;
  std::vector<Evidence> evidence;
  std::map<std::string, std::string> vars;  // extra template variables
  std::string detail;                       // preformatted (a diff), shown as a block
};

using BuiltinCheck = void (*)(const CheckContext& ctx, std::vector<CheckResult>* out);

// Null when no check has that name.
BuiltinCheck FindBuiltinCheck(std::string_view name);
std::vector<std::string> BuiltinCheckNames();

// Evidence citing an object's node: its path and line, with the line's verbatim text.
Evidence EvidenceAt(const Index& index, const Object& object, NodeRef node);

}  // namespace kubesift
