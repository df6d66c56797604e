#include "scan/scanner.h"

#include <algorithm>
#include <cstring>

namespace kubesift {
namespace {

unsigned Flags(const PatternSpec& p) {
  unsigned flags = HS_FLAG_MULTILINE;
  if (p.caseless) flags |= HS_FLAG_CASELESS;
  return flags;
}

std::string Example(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > LineScanner::kMaxExampleBytes) {
    return std::string(line.substr(0, LineScanner::kMaxExampleBytes)) + "…";
  }
  return std::string(line);
}

}  // namespace

PatternDatabase::~PatternDatabase() {
  if (database_) hs_free_database(database_);
}

bool PatternDatabase::Check(const PatternSpec& pattern, std::string* error) {
  hs_database_t* db = nullptr;
  hs_compile_error_t* compile_error = nullptr;
  if (hs_compile(pattern.regex.c_str(), Flags(pattern), HS_MODE_BLOCK, nullptr, &db,
                 &compile_error) != HS_SUCCESS) {
    *error = compile_error && compile_error->message ? compile_error->message : "does not compile";
    hs_free_compile_error(compile_error);
    return false;
  }
  hs_free_database(db);
  return true;
}

std::unique_ptr<PatternDatabase> PatternDatabase::Compile(std::vector<PatternSpec> patterns,
                                                          std::string* error, int* failed_index) {
  std::unique_ptr<PatternDatabase> db(new PatternDatabase());
  db->patterns_ = std::move(patterns);
  if (db->patterns_.empty()) return db;
  std::vector<const char*> expressions;
  std::vector<unsigned> flags, ids;
  for (size_t i = 0; i < db->patterns_.size(); ++i) {
    expressions.push_back(db->patterns_[i].regex.c_str());
    flags.push_back(Flags(db->patterns_[i]));
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_compile_error_t* compile_error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                       static_cast<unsigned>(expressions.size()), HS_MODE_BLOCK, nullptr,
                       &db->database_, &compile_error) != HS_SUCCESS) {
    *failed_index = compile_error ? compile_error->expression : -1;
    *error = compile_error && compile_error->message ? compile_error->message : "does not compile";
    hs_free_compile_error(compile_error);
    return nullptr;
  }
  return db;
}

LineScanner::LineScanner(const PatternDatabase* db) : db_(db) {
  if (db_ && db_->database()) hs_alloc_scratch(db_->database(), &scratch_);
  size_t n = db_ ? db_->patterns().size() : 0;
  last_hit_line_.assign(n, 0);
  accepts_.assign(n, 0);
}

LineScanner::~LineScanner() {
  if (scratch_) hs_free_scratch(scratch_);
}

void LineScanner::Begin(TextSource* source, uint32_t source_index) {
  source_ = source;
  source_index_ = source_index;
  carry_.clear();
  line_ = 1;
  std::fill(last_hit_line_.begin(), last_hit_line_.end(), 0);
  if (!db_) return;
  for (size_t i = 0; i < db_->patterns().size(); ++i) {
    const auto& filters = db_->patterns()[i].sources;
    accepts_[i] =
        filters.empty() || std::any_of(filters.begin(), filters.end(),
                                       [&](const SourceFilter& f) { return f.Accepts(*source); });
  }
}

void LineScanner::Feed(std::string_view chunk) {
  source_->bytes += chunk.size();
  bytes_scanned_ += chunk.size();
  while (!chunk.empty()) {
    const char* nl = static_cast<const char*>(memrchr(chunk.data(), '\n', chunk.size()));
    if (!nl) {
      size_t room = kMaxLineBytes - carry_.size();
      carry_.append(chunk.substr(0, room));
      chunk.remove_prefix(std::min(room, chunk.size()));
      if (carry_.size() >= kMaxLineBytes) {
        ScanBlock(carry_, false);
        carry_.clear();
      }
      continue;
    }
    size_t upto = static_cast<size_t>(nl - chunk.data()) + 1;
    if (carry_.empty()) {
      ScanBlock(chunk.substr(0, upto), true);
    } else {
      carry_.append(chunk.substr(0, upto));
      ScanBlock(carry_, true);
      carry_.clear();
    }
    chunk.remove_prefix(upto);
    if (!chunk.empty()) {
      carry_.append(chunk.substr(0, kMaxLineBytes));
      chunk.remove_prefix(std::min(chunk.size(), kMaxLineBytes));
      if (carry_.size() >= kMaxLineBytes) {
        ScanBlock(carry_, false);
        carry_.clear();
      }
    }
  }
}

void LineScanner::Finish() {
  if (!carry_.empty()) {
    carry_.push_back('\n');  // a last line without its newline is still a line
    ScanBlock(carry_, true);
    carry_.clear();
  }
  source_->lines = line_ - 1;
}

void LineScanner::ScanLine(TextSource* source, uint32_t source_index, std::string_view line) {
  Begin(source, source_index);
  Feed(line);
  Finish();
}

void LineScanner::ScanBlock(std::string_view block, bool ends_line) {
  block_ = block;
  counted_to_ = 0;
  counted_line_ = line_;
  if (scratch_ && db_->database()) {
    hs_scan(db_->database(), block.data(), static_cast<unsigned>(block.size()), 0, scratch_,
            &LineScanner::OnMatch, this);
  }
  uint64_t newlines = static_cast<uint64_t>(std::count(block.begin(), block.end(), '\n'));
  // A line longer than kMaxLineBytes arrives in pieces without newlines: only its last piece
  // moves the line number on.
  line_ += newlines;
  if (ends_line) KeepTail(block);
}

void LineScanner::KeepTail(std::string_view block) {
  auto& tail = source_->tail;
  std::vector<std::string_view> lines;
  size_t end = block.size();
  if (end && block[end - 1] == '\n') --end;
  while (lines.size() < source_->tail_lines) {
    const void* nl = end ? memrchr(block.data(), '\n', end) : nullptr;
    size_t start = nl ? static_cast<size_t>(static_cast<const char*>(nl) - block.data()) + 1 : 0;
    lines.push_back(block.substr(start, end - start));
    if (!nl) break;
    end = start - 1;
  }
  std::reverse(lines.begin(), lines.end());
  for (std::string_view l : lines) tail.push_back(Example(l));
  if (tail.size() > source_->tail_lines) {
    tail.erase(tail.begin(), tail.end() - static_cast<std::ptrdiff_t>(source_->tail_lines));
  }
}

int LineScanner::OnMatch(unsigned int id, unsigned long long /*from*/, unsigned long long to,
                         unsigned int /*flags*/, void* context) {
  auto* self = static_cast<LineScanner*>(context);
  if (!self->accepts_[id]) return 0;
  std::string_view block = self->block_;
  size_t end = std::min<size_t>(to, block.size());
  // The hit's line: count newlines from the last hit forward (hits come in end-offset order).
  if (end < self->counted_to_) {
    self->counted_to_ = 0;
    self->counted_line_ = self->line_;
  }
  size_t probe = end ? end - 1 : 0;  // the last byte of the match
  if (probe > self->counted_to_) {
    self->counted_line_ += static_cast<uint64_t>(
        std::count(block.begin() + self->counted_to_, block.begin() + probe, '\n'));
    self->counted_to_ = probe;
  }
  uint64_t line = self->counted_line_;
  if (self->last_hit_line_[id] == line) return 0;
  self->last_hit_line_[id] = line;
  const void* before = probe ? memrchr(block.data(), '\n', probe) : nullptr;
  size_t start =
      before ? static_cast<size_t>(static_cast<const char*>(before) - block.data()) + 1 : 0;
  const void* after = memchr(block.data() + probe, '\n', block.size() - probe);
  size_t stop =
      after ? static_cast<size_t>(static_cast<const char*>(after) - block.data()) : block.size();
  if (stop < start) stop = start;
  HitCount& hit = self->hits_[{id, self->source_index_}];
  HitExample example{line, Example(block.substr(start, stop - start))};
  if (hit.count == 0) hit.first = example;
  hit.last = std::move(example);
  ++hit.count;
  return 0;
}

}  // namespace kubesift
