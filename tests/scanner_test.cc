// The text scanner on a real Hyperscan database: line numbers and line text across chunk
// boundaries, source filters, one count per line, and awkward input.
#include "scan/scanner.h"

#include <catch2/catch.hpp>

namespace kubesift {
namespace {

std::unique_ptr<PatternDatabase> Compile(std::vector<PatternSpec> specs) {
  std::string error;
  int failed = -1;
  auto db = PatternDatabase::Compile(std::move(specs), &error, &failed);
  REQUIRE(db);
  return db;
}

PatternSpec Spec(std::string regex, std::vector<std::string> sources = {}, bool caseless = false) {
  PatternSpec p;
  p.regex = std::move(regex);
  p.caseless = caseless;
  for (const std::string& s : sources) {
    SourceFilter f;
    REQUIRE(ParseSourceFilter(s, &f));
    p.sources.push_back(f);
  }
  return p;
}

void FeedInChunks(LineScanner& scanner, std::string_view text, size_t chunk) {
  for (size_t i = 0; i < text.size(); i += chunk) scanner.Feed(text.substr(i, chunk));
}

}  // namespace

TEST_CASE("hits keep their line number and text whatever the chunking", "[scan]") {
  auto db = Compile({Spec("panic: "), Spec("OutOfMemoryError")});
  std::string text;
  for (int i = 1; i <= 1000; ++i) {
    if (i == 17)
      text += "panic: runtime error: index out of range\n";
    else if (i == 500 || i == 900)
      text += "java.lang.OutOfMemoryError: Java heap space\n";
    else
      text += "line " + std::to_string(i) + " of ordinary output\n";
  }
  for (size_t chunk : {size_t{1}, size_t{7}, size_t{4096}, text.size()}) {
    DYNAMIC_SECTION("chunks of " << chunk) {
      LineScanner scanner(db.get());
      TextSource source;
      scanner.Begin(&source, 3);
      FeedInChunks(scanner, text, chunk);
      scanner.Finish();
      CHECK(source.lines == 1000);
      CHECK(source.bytes == text.size());
      auto& hits = scanner.hits();
      REQUIRE(hits.size() == 2);
      const HitCount& panic = hits.at({0, 3});
      CHECK(panic.count == 1);
      CHECK(panic.first.line == 17);
      CHECK(panic.first.text == "panic: runtime error: index out of range");
      const HitCount& oom = hits.at({1, 3});
      CHECK(oom.count == 2);
      CHECK(oom.first.line == 500);
      CHECK(oom.last.line == 900);
      CHECK(source.tail.back() == "line 1000 of ordinary output");
    }
  }
}

TEST_CASE("a pattern counts once per line and only on its sources", "[scan]") {
  auto db = Compile({Spec("error", {"journal:kubelet"}), Spec("swap", {"host"}, true)});
  LineScanner scanner(db.get());
  TextSource kubelet;
  kubelet.kind = SourceKind::kJournal;
  kubelet.unit = "kubelet";
  scanner.Begin(&kubelet, 0);
  scanner.Feed("error error error\nfine\nSWAP error\n");
  scanner.Finish();
  TextSource containerd = kubelet;
  containerd.unit = "containerd";
  scanner.Begin(&containerd, 1);
  scanner.Feed("error\n");
  scanner.Finish();
  TextSource swap;
  swap.kind = SourceKind::kHostFact;
  swap.fact = "swap";
  scanner.Begin(&swap, 2);
  scanner.Feed("/swap.img file 2G 0B -2");  // no trailing newline
  scanner.Finish();
  auto& hits = scanner.hits();
  CHECK(hits.at({0, 0}).count == 2);
  CHECK(hits.count({0, 1}) == 0);
  CHECK(hits.count({1, 0}) == 0);  // "swap" is for host facts only
  CHECK(hits.at({1, 2}).first.text == "/swap.img file 2G 0B -2");
  CHECK(swap.lines == 1);
}

TEST_CASE("CRLF, NUL bytes and lines longer than the line buffer", "[scan]") {
  auto db = Compile({Spec("needle")});
  LineScanner scanner(db.get());
  TextSource source;
  scanner.Begin(&source, 0);
  std::string text = "a\r\nneedle here\r\n";
  text += std::string("\0\0binary\0", 9) + "\n";
  text += std::string(3 * LineScanner::kMaxLineBytes, 'x') + "needle\n";
  text += "after\n";
  FeedInChunks(scanner, text, 65536);
  scanner.Finish();
  auto& hit = scanner.hits().at({0, 0});
  CHECK(hit.count == 2);
  CHECK(hit.first.line == 2);
  CHECK(hit.first.text == "needle here");
  CHECK(hit.last.line == 4);
  CHECK(hit.last.text.size() <= LineScanner::kMaxExampleBytes + 3);
  CHECK(source.lines == 5);
}

TEST_CASE("a pattern Hyperscan cannot compile is named", "[scan]") {
  std::string error;
  int failed = -1;
  auto db = PatternDatabase::Compile({Spec("fine"), Spec("(a)\\1")}, &error, &failed);
  CHECK_FALSE(db);
  CHECK(failed == 1);
  CHECK_FALSE(error.empty());
  CHECK_FALSE(PatternDatabase::Check(Spec("(unclosed"), &error));
}

}  // namespace kubesift
