// What happened, in order: warning events, container terminations, node condition changes and
// the journal lines findings cite, merged by time with the collection last, so the reader sees
// which came first (the kubelet failing before the node went NotReady before the pods went
// Pending). Built from the index and the findings; no rule decides what goes in.
#pragma once

#include <string>
#include <vector>

#include "report/finding.h"
#include "resources/index.h"

namespace kubesift {

struct TimelineEntry {
  double time = 0;      // epoch seconds
  std::string when;     // as written in the bundle
  std::string subject;  // "Pod shop/cart-…", "Node node-02"
  std::string what;
  std::string where;  // path:line
};

// At most `limit` entries: the latest ones up to the collection time.
std::vector<TimelineEntry> BuildTimeline(const Index& index, const std::vector<Finding>& findings,
                                         double collected, size_t limit = 40);

}  // namespace kubesift
