// The rule files compiled into the binary (generated from rules/ at build time), so the
// analyzer works alone on an air-gapped laptop.
#pragma once

#include <string_view>

namespace kubesift {

struct EmbeddedRule {
  std::string_view path;  // "rules/pods/pod-oomkilled.yaml"
  std::string_view text;
};

extern const EmbeddedRule kEmbeddedRules[];
extern const size_t kEmbeddedRuleCount;

}  // namespace kubesift
