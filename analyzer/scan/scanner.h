// Scanning text for every rule pattern at once.
//
// All patterns of all rules compile into one Hyperscan database; each thread has its own
// LineScanner (Hyperscan scratch is per thread). Text arrives in chunks as the archive streams
// by and is scanned in line-aligned blocks, so a hit's line number and text fall out of the
// block without per-line work, and no file is ever held whole. A pattern counts at most once
// per line; the table keeps counts and the first and last example, not every hit.
#pragma once

#include <hs/hs.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scan/text_source.h"

namespace kubesift {

struct PatternSpec {
  std::string regex;
  bool caseless = false;
  std::vector<SourceFilter> sources;  // empty = every source
};

class PatternDatabase {
 public:
  ~PatternDatabase();
  // Compiles every pattern; on failure `error` names the pattern's index and Hyperscan's reason
  // and `failed_index` is set.
  static std::unique_ptr<PatternDatabase> Compile(std::vector<PatternSpec> patterns,
                                                  std::string* error, int* failed_index);
  // Compiles one pattern alone, to validate a rule with a precise message.
  static bool Check(const PatternSpec& pattern, std::string* error);

  const std::vector<PatternSpec>& patterns() const { return patterns_; }
  const hs_database_t* database() const { return database_; }

 private:
  PatternDatabase() = default;
  std::vector<PatternSpec> patterns_;
  hs_database_t* database_ = nullptr;
};

struct HitExample {
  uint64_t line = 0;  // 1-based
  std::string text;   // the line, cut to kMaxExampleBytes
};

struct HitCount {
  uint64_t count = 0;
  HitExample first, last;
};

// (pattern index, source index) → counts and examples.
using HitTable = std::map<std::pair<uint32_t, uint32_t>, HitCount>;

class LineScanner {
 public:
  static constexpr size_t kMaxLineBytes = 1 << 20;  // longer lines are scanned in pieces
  static constexpr size_t kMaxExampleBytes = 400;

  explicit LineScanner(const PatternDatabase* db);  // db may be null: count lines only
  ~LineScanner();
  LineScanner(const LineScanner&) = delete;
  LineScanner& operator=(const LineScanner&) = delete;

  // Scans one source; `source_index` is what hits are recorded under.
  void Begin(TextSource* source, uint32_t source_index);
  void Feed(std::string_view chunk);
  void Finish();

  // Scans one short text (an event's message) as a single line.
  void ScanLine(TextSource* source, uint32_t source_index, std::string_view line);

  HitTable& hits() { return hits_; }
  uint64_t bytes_scanned() const { return bytes_scanned_; }

 private:
  static int OnMatch(unsigned int id, unsigned long long from, unsigned long long to,
                     unsigned int flags, void* context);
  void ScanBlock(std::string_view block, bool ends_line);
  void KeepTail(std::string_view block);

  const PatternDatabase* db_;
  hs_scratch_t* scratch_ = nullptr;
  TextSource* source_ = nullptr;
  uint32_t source_index_ = 0;
  std::string carry_;
  uint64_t line_ = 1;                    // line number at the start of the current block
  std::vector<uint64_t> last_hit_line_;  // per pattern, to count once per line
  std::vector<uint8_t> accepts_;         // per pattern: does it apply to the current source?
  // Per block, for the match callback.
  std::string_view block_;
  size_t counted_to_ = 0;
  uint64_t counted_line_ = 0;
  HitTable hits_;
  uint64_t bytes_scanned_ = 0;
};

}  // namespace kubesift
