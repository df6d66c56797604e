// Start here. The analyzer in one call:
//
//   open (bundle/) → classify each entry (bundle/layout) → parse resources (resources/) and
//   scan text (scan/) as entries stream by → evaluate rules (rules/) → report (report/)
//
// `Analyze` streams the bundle once (a second, partial pass only for symlinked entries),
// builds the read-only Index, and evaluates the compiled rules over it. Everything it could
// not read is a Problem in the result, never an abort; it fails only when nothing at all
// could be read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bundle/source.h"
#include "problem.h"
#include "report/finding.h"
#include "resources/index.h"
#include "resources/resource_file.h"
#include "rules/engine.h"

namespace kubesift {

struct AnalyzeOptions {
  std::string bundle_path;
  ReadLimits read_limits;
  ParseLimits parse_limits;
  uint64_t max_resource_bytes = uint64_t{2} << 30;  // one resource file is held whole to parse
  bool progress = false;                            // a progress line on stderr
};

struct BundleInfo {
  std::string path;
  std::string format;     // kubesift | generic
  std::string container;  // "tar (gzip)", "zip", "directory"
  std::string root;       // the top-level folder inside the bundle, "" when none
  std::optional<std::string> collected_at;
  uint64_t entries = 0;
  uint64_t bytes = 0;  // uncompressed bytes of every entry read
  uint64_t not_interpreted = 0;  // entries of a known layout that no stage reads
};

struct StageTimes {
  double read_seconds = 0;  // inflating and walking the archive, outside parse and scan
  double parse_seconds = 0;
  double scan_seconds = 0;
  double evaluate_seconds = 0;
  double report_seconds = 0;
  uint64_t resource_bytes = 0, text_bytes = 0, archive_bytes = 0;
  uint64_t resource_files = 0, text_files = 0, objects = 0;
  EvaluationStats evaluation;
};

struct Analysis {
  BundleInfo bundle;
  Index index;
  std::vector<Finding> findings;
  Problems problems;
  StageTimes times;
  double now = 0;  // the collection time as epoch seconds (or the newest timestamp seen)
};

// Returns false only when nothing could be read; `error` is then one line for stderr.
bool Analyze(const AnalyzeOptions& options, const CompiledRules& rules, Analysis* out,
             std::string* error);

}  // namespace kubesift
