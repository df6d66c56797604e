// The writers of an Analysis: Markdown for people (a support ticket), JSON for machines
// (the contract in docs/report.md, validated by docs/report.schema.json).
#pragma once

#include <string>

#include "pipeline.h"

namespace kubesift {

inline constexpr const char* kVersion = "0.1.0";

std::string WriteMarkdown(const Analysis& analysis);
std::string WriteJson(const Analysis& analysis);
// `--stats`: per-stage time, bytes and counts, for stderr.
std::string WriteStats(const Analysis& analysis);

// Counts of findings by severity.
struct SeverityCounts {
  int critical = 0, warning = 0, info = 0;
};
SeverityCounts CountFindings(const Analysis& analysis);

}  // namespace kubesift
