// Reading bundles: every container format, with and without a top folder, in any order,
// links inside and outside, and broken archives. Archives are written by libarchive.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "archive_writer.h"
#include "bundle/gzip_reader.h"
#include "pipeline.h"
#include "rules/rule_loader.h"

namespace kubesift {
namespace {

using testing::ArchiveEntry;
using testing::ArchiveKind;
using testing::TempDir;

const char* kPods = R"(apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-1
    namespace: shop
    uid: 11111111-1111-1111-1111-111111111111
  spec:
    nodeName: node-1
  status:
    phase: Running
    containerStatuses:
    - name: web
      restartCount: 4
      state:
        waiting:
          reason: CrashLoopBackOff
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-2
    namespace: shop
  status:
    phase: Running
kind: List
metadata:
  resourceVersion: ""
)";

const char* kNodes = R"({
  "kind": "NodeList",
  "apiVersion": "v1",
  "items": [
    {
      "metadata": {"name": "node-1"},
      "status": {"conditions": [{"type": "Ready", "status": "True"}]}
    }
  ]
})";

const char* kManifest = R"({"format": "kubesift-bundle/v1", "context": "test",
  "started": "2026-11-28T10:00:00Z", "finished": "2026-11-28T10:01:00Z", "commands": []})";

std::vector<ArchiveEntry> BundleEntries(const std::string& top) {
  std::string p = top.empty() ? "" : top + "/";
  return {
      {p + "manifest.json", kManifest},
      {p + "resources/pods.yaml", kPods},
      {p + "resources/nodes.json", kNodes},
      {p + "logs/shop/web-1/web.log", "2026-11-28T10:00:00Z started\n2026-11-28T10:00:01Z ok\n"},
      {p + "logs/shop/web-1/web.previous.log", "2026-11-28T09:59:00Z panic: boom\n"},
      {p + "nodes/node-1/journal/kubelet.log", "2026-11-28T10:00:00+0000 node-1 kubelet[1]: ok\n"},
      {p + "nodes/node-1/host/swap.txt", ""},
  };
}

CompiledRules NoRules() { return CompiledRules::Compile(RuleSet{}); }

Analysis Read(const std::string& path, const CompiledRules& rules = NoRules()) {
  Analysis a;
  AnalyzeOptions options;
  options.bundle_path = path;
  std::string error;
  REQUIRE(Analyze(options, rules, &a, &error));
  return a;
}

bool HasProblem(const Analysis& a, const std::string& path, const std::string& words) {
  return std::any_of(a.problems.begin(), a.problems.end(), [&](const Problem& p) {
    return p.path == path && p.error.find(words) != std::string::npos;
  });
}

void CheckWholeBundle(const Analysis& a) {
  CHECK(a.bundle.format == "kubesift");
  CHECK(a.index.manifest().present);
  CHECK(a.index.manifest().context == "test");
  REQUIRE(a.index.OfKind("Pod").size() == 2);
  const Object* pod = a.index.Find("Pod", "shop", "web-1");
  REQUIRE(pod);
  CHECK(*pod->path == "resources/pods.yaml");
  CHECK(pod->line == 3);
  CHECK(pod->node["status"]["containerStatuses"].at(0)["restartCount"].Str() == "4");
  // The node list's items carry no kind: they inherit it from NodeList.
  const Object* node = a.index.Find("Node", "", "node-1");
  REQUIRE(node);
  CHECK(node->line == 5);
  auto& sources = a.index.text_sources();
  REQUIRE(sources.size() == 4);
  auto find = [&](SourceKind kind) {
    return std::find_if(sources.begin(), sources.end(),
                        [&](const TextSource& s) { return s.kind == kind; });
  };
  auto log = find(SourceKind::kPodLog);
  REQUIRE(log != sources.end());
  CHECK(log->path == "logs/shop/web-1/web.log");
  CHECK(log->ns == "shop");
  CHECK(log->pod == "web-1");
  CHECK(log->container == "web");
  CHECK(log->lines == 2);
  CHECK(find(SourceKind::kPreviousLog) != sources.end());
  auto journal = find(SourceKind::kJournal);
  REQUIRE(journal != sources.end());
  CHECK(journal->node == "node-1");
  CHECK(journal->unit == "kubelet");
  auto fact = find(SourceKind::kHostFact);
  REQUIRE(fact != sources.end());
  CHECK(fact->fact == "swap");
  CHECK(a.bundle.collected_at.value_or("") == "2026-11-28T10:01:00Z");
}

}  // namespace

TEST_CASE("every archive kind is read the same, with or without a top folder", "[bundle]") {
  TempDir dir;
  struct Kind {
    ArchiveKind kind;
    const char* name;
    const char* container;
  };
  for (Kind k :
       {Kind{ArchiveKind::kTarGz, "b.tar.gz", "gzip"},
        Kind{ArchiveKind::kTarZst, "b.tar.zst", "zstd"}, Kind{ArchiveKind::kTar, "b.tar", "tar"},
        Kind{ArchiveKind::kZip, "b.zip", "ZIP"}}) {
    for (std::string top : {"kubesift-test-20261128T100100Z", ""}) {
      DYNAMIC_SECTION(k.name << (top.empty() ? " without" : " with") << " a top folder") {
        std::string path = dir / (top.empty() ? "flat-" : "") + std::string(k.name);
        testing::WriteArchive(path, k.kind, BundleEntries(top));
        Analysis a = Read(path);
        CheckWholeBundle(a);
        CHECK(a.bundle.root == top);
        CHECK(a.bundle.container.find(k.container) != std::string::npos);
        CHECK(a.problems.empty());
      }
    }
  }
}

TEST_CASE("entry order does not matter", "[bundle]") {
  TempDir dir;
  auto entries = BundleEntries("top");
  std::reverse(entries.begin(), entries.end());
  std::rotate(entries.begin(), entries.begin() + 3, entries.end());
  testing::WriteArchive(dir / "b.tar.gz", ArchiveKind::kTarGz, entries);
  CheckWholeBundle(Read(dir / "b.tar.gz"));
}

TEST_CASE("a directory is read like an archive", "[bundle]") {
  TempDir dir;
  for (const ArchiveEntry& e : BundleEntries("kubesift-x"))
    testing::WriteFile(dir / e.path, e.content);
  Analysis a = Read(dir.path());
  CheckWholeBundle(a);
  CHECK(a.bundle.container == "directory");
  CHECK(a.bundle.root == "kubesift-x");
}

TEST_CASE("symlinks inside the bundle are followed; outside ones are refused", "[bundle]") {
  TempDir dir;
  auto entries = BundleEntries("top");
  entries.erase(entries.begin() + 3);  // the current log becomes a link to a file elsewhere
  entries.push_back(
      {"top/logs/shop/web-1/web.log", "", ArchiveEntry::Type::kSymlink, "../../../raw/web-1.txt"});
  entries.push_back({"top/raw/web-1.txt", "line one\nline two\nline three\n"});
  entries.push_back({"top/logs/shop/web-2/web.log", "", ArchiveEntry::Type::kSymlink,
                     "../../../../../etc/passwd"});
  entries.push_back(
      {"top/logs/shop/web-3/web.log", "", ArchiveEntry::Type::kSymlink, "/etc/shadow"});
  entries.push_back({"top/logs/shop/loop/a.log", "", ArchiveEntry::Type::kSymlink, "b.log"});
  entries.push_back({"top/logs/shop/loop/b.log", "", ArchiveEntry::Type::kSymlink, "a.log"});
  testing::WriteArchive(dir / "b.tar.gz", ArchiveKind::kTarGz, entries);
  Analysis a = Read(dir / "b.tar.gz");
  auto& sources = a.index.text_sources();
  auto log = std::find_if(sources.begin(), sources.end(),
                          [](const TextSource& s) { return s.path == "logs/shop/web-1/web.log"; });
  REQUIRE(log != sources.end());
  CHECK(log->kind == SourceKind::kPodLog);
  CHECK(log->lines == 3);
  CHECK(HasProblem(a, "logs/shop/web-2/web.log", "outside the bundle"));
  CHECK(HasProblem(a, "logs/shop/web-3/web.log", "outside the bundle"));
  CHECK(HasProblem(a, "logs/shop/loop/a.log", "loop"));
  CHECK(a.index.OfKind("Pod").size() == 2);
}

TEST_CASE("hard links, devices, escaping paths and duplicates are reported", "[bundle]") {
  TempDir dir;
  auto entries = BundleEntries("top");
  entries.push_back({"top/raw/kubelet.txt", "kubelet line\n"});
  entries.push_back({"top/nodes/node-1/journal/containerd.log", "", ArchiveEntry::Type::kHardlink,
                     "top/raw/kubelet.txt"});
  entries.push_back({"top/dev/fifo", "", ArchiveEntry::Type::kFifo});
  entries.push_back({"top/../../evil.yaml", "kind: Pod\nmetadata: {name: evil}\n"});
  entries.push_back({"top/resources/pods.yaml", "kind: Pod\nmetadata: {name: duplicate}\n"});
  testing::WriteArchive(dir / "b.tar", ArchiveKind::kTar, entries);
  Analysis a = Read(dir / "b.tar");
  CHECK(a.index.Find("Pod", "", "evil") == nullptr);
  CHECK(a.index.Find("Pod", "", "duplicate") == nullptr);
  CHECK(HasProblem(a, "../evil.yaml", "climbs out"));
  CHECK(HasProblem(a, "dev/fifo", "not a regular file"));
  CHECK(HasProblem(a, "resources/pods.yaml", "duplicate entry"));
  auto& sources = a.index.text_sources();
  CHECK(std::any_of(sources.begin(), sources.end(), [](const TextSource& s) {
    return s.kind == SourceKind::kJournal && s.unit == "containerd" && s.lines == 1;
  }));
}

TEST_CASE("a truncated archive keeps what came before the cut", "[bundle]") {
  TempDir dir;
  auto entries = BundleEntries("top");
  std::string big(256 * 1024, 'x');
  for (size_t i = 0; i < big.size(); i += 80) big[i] = '\n';
  entries.push_back({"top/logs/shop/web-2/web.log", big});
  testing::WriteArchive(dir / "b.tar", ArchiveKind::kTar, entries);
  std::string whole = testing::ReadFile(dir / "b.tar");
  testing::WriteFile(dir / "cut.tar", whole.substr(0, whole.size() - 100 * 1024));
  Analysis a = Read(dir / "cut.tar");
  CHECK(a.index.OfKind("Pod").size() == 2);
  CHECK(std::any_of(a.problems.begin(), a.problems.end(), [](const Problem& p) {
    return p.error.find("runcated") != std::string::npos;
  }));
}

TEST_CASE("input that is no bundle at all fails with one clear line", "[bundle]") {
  TempDir dir;
  AnalyzeOptions options;
  CompiledRules rules = NoRules();
  std::string error;
  Analysis a;

  options.bundle_path = dir / "missing.tar.gz";
  CHECK_FALSE(Analyze(options, rules, &a, &error));
  CHECK(error.find("no such file") != std::string::npos);

  testing::WriteFile(dir / "empty.tar.gz", "");
  options.bundle_path = dir / "empty.tar.gz";
  CHECK_FALSE(Analyze(options, rules, &a, &error));
  CHECK(error.find("empty") != std::string::npos);

  std::string noise;
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>((i * 7919) % 251);
  testing::WriteFile(dir / "noise.tar.gz", noise);
  options.bundle_path = dir / "noise.tar.gz";
  Analysis b;
  CHECK_FALSE(Analyze(options, rules, &b, &error));
  CHECK(error.find("noise.tar.gz") != std::string::npos);

  std::filesystem::create_directory(dir / "nothing");
  testing::WriteFile(dir / "nothing/README.txt", "hello");
  options.bundle_path = dir / "nothing";
  Analysis c;
  CHECK_FALSE(Analyze(options, rules, &c, &error));
  CHECK(error.find("nothing could be read") != std::string::npos);
}

TEST_CASE("a resource file that does not parse is a problem; the rest is read", "[bundle]") {
  TempDir dir;
  auto entries = BundleEntries("");
  entries.push_back({"resources/services.yaml",
                     "apiVersion: v1\nitems:\n- kind: Service\n  metadata: {name: [unclosed\n"});
  testing::WriteArchive(dir / "b.tar.gz", ArchiveKind::kTarGz, entries);
  Analysis a = Read(dir / "b.tar.gz");
  CHECK(a.index.OfKind("Pod").size() == 2);
  auto it = std::find_if(a.problems.begin(), a.problems.end(),
                         [](const Problem& p) { return p.path == "resources/services.yaml"; });
  REQUIRE(it != a.problems.end());
  CHECK(it->line == 5);
  CHECK(it->error.find("YAML") == 0);
}

TEST_CASE("rules fire on a bundle read from an archive, citing file and line", "[bundle]") {
  TempDir dir;
  testing::WriteArchive(dir / "b.tar.gz", ArchiveKind::kTarGz, BundleEntries("top"));
  CompiledRules rules = CompiledRules::Compile(BuiltinRules());
  REQUIRE(rules.errors().empty());
  Analysis a = Read(dir / "b.tar.gz", rules);
  auto f = std::find_if(a.findings.begin(), a.findings.end(),
                        [](const Finding& f) { return f.rule == "pod-crashloopbackoff"; });
  REQUIRE(f != a.findings.end());
  CHECK(f->subject == Subject{"Pod", "shop", "web-1"});
  CHECK(f->id == "pod-crashloopbackoff/Pod/shop/web-1");
  REQUIRE_FALSE(f->evidence.empty());
  CHECK(f->evidence[0].path == "resources/pods.yaml");
  CHECK(f->evidence[0].line == 18);
  CHECK(f->evidence[0].text == "          reason: CrashLoopBackOff");
}

}  // namespace kubesift

namespace kubesift {

TEST_CASE("a gzip bundle with a wrong CRC or cut short is reported, not read as good", "[bundle]") {
  TempDir dir;
  testing::WriteArchive(dir / "b.tar.gz", ArchiveKind::kTarGz, BundleEntries("top"));
  std::string whole = testing::ReadFile(dir / "b.tar.gz");
  REQUIRE(HaveFastGzip());  // scripts/install-deps installs ISA-L; zlib alone misses this

  std::string bad_crc = whole;
  bad_crc[bad_crc.size() - 8] ^= 0x5a;  // the CRC32 in the gzip trailer
  testing::WriteFile(dir / "crc.tar.gz", bad_crc);
  Analysis a = Read(dir / "crc.tar.gz");
  CHECK(std::any_of(a.problems.begin(), a.problems.end(),
                    [](const Problem& p) { return p.error.find("CRC") != std::string::npos; }));

  testing::WriteFile(dir / "cut.tar.gz", whole.substr(0, whole.size() * 2 / 3));
  AnalyzeOptions options;
  options.bundle_path = dir / "cut.tar.gz";
  Analysis b;
  std::string error;
  CompiledRules rules = NoRules();
  if (Analyze(options, rules, &b, &error)) {
    CHECK(std::any_of(b.problems.begin(), b.problems.end(), [](const Problem& p) {
      return p.error.find("truncated") != std::string::npos;
    }));
  } else {
    CHECK(error.find("truncated") != std::string::npos);
  }
}

}  // namespace kubesift

namespace kubesift {

TEST_CASE("troubleshoot.sh bundles, with and without their top folder", "[bundle][formats]") {
  TempDir dir;
  const char* pods = R"({"kind": "PodList", "apiVersion": "v1", "items": [
    {"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "web-1", "namespace": "default"},
     "status": {"phase": "Running"}}]})";
  for (std::string top : {"support-bundle-2022-12-21T16_44_00", ""}) {
    DYNAMIC_SECTION((top.empty() ? "without" : "with") << " a top folder") {
      std::string p = top.empty() ? "" : top + "/";
      std::vector<ArchiveEntry> entries = {
          {p + "cluster-resources/pods/logs/default/web-1/web.log", "2022-12-21T16:40:00Z up\n"},
          {p + "cluster-resources/pods/default.json", pods},
          {p + "cluster-resources/nodes.json", R"([{"kind": "Node", "metadata": {"name": "n1"}}])"},
          {p + "cluster-resources/pods/logs/default/web-1/web-previous.log", "panic: x\n"},
          {p + "cluster-resources/resources.json", R"([{"kind": "APIResourceList"}])"},
          {p + "cluster-resources/secrets-errors.json", R"({"default": "forbidden"})"},
          {p + "host-collectors/journald/kubelet.txt", "Dec 21 16:40:00 n1 kubelet[1]: ok\n"},
          {p + "mysql/mysql-example.json", R"({"isConnected": false})"},
          {p + "all-logs/web-1/web.log", "", ArchiveEntry::Type::kSymlink,
           "../../cluster-resources/pods/logs/default/web-1/web.log"},
          {p + "version.yaml", "apiVersion: troubleshoot.sh/v1beta2\nkind: SupportBundle\n"},
      };
      std::string path = dir / (top.empty() ? "flat.tar.gz" : "top.tar.gz");
      testing::WriteArchive(path, ArchiveKind::kTarGz, entries);
      Analysis a = Read(path);
      CHECK(a.bundle.format == "troubleshoot");
      CHECK(a.bundle.root == top);
      CHECK(a.problems.empty());
      CHECK(a.index.Find("Pod", "default", "web-1"));
      CHECK(a.index.Find("Node", "", "n1"));
      CHECK(a.bundle.not_interpreted >= 2);  // resources.json, the mysql check, the all-logs link
      std::vector<std::string> kinds;
      for (const TextSource& s : a.index.text_sources()) {
        kinds.push_back(std::string(SourceKindName(s.kind)) + ":" + s.path);
      }
      std::sort(kinds.begin(), kinds.end());
      CHECK(kinds == std::vector<std::string>{
                         "journal:host-collectors/journald/kubelet.txt",
                         "pod-log:cluster-resources/pods/logs/default/web-1/web.log",
                         "previous-log:cluster-resources/pods/logs/default/web-1/web-previous.log"});
      REQUIRE(a.index.manifest().commands.size() == 1);
      CHECK(a.index.manifest().commands[0].argv[0] == "cluster-resources/secrets-errors.json");
      CHECK(a.index.manifest().commands[0].output.empty());
    }
  }
}

TEST_CASE("a folder of plain kubectl output is read by content", "[bundle][formats]") {
  TempDir dir;
  testing::WriteFile(dir / "out/pods.yaml", "apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata:\n    name: a\n    namespace: x\n");
  testing::WriteFile(dir / "out/svc.json", R"({"kind": "Service", "metadata": {"name": "s", "namespace": "x"}})");
  testing::WriteFile(dir / "out/notes.txt", "not a resource");
  Analysis a = Read(dir / "out");
  CHECK(a.bundle.format == "generic");
  CHECK(a.index.Find("Pod", "x", "a"));
  CHECK(a.index.Find("Service", "x", "s"));
  CHECK(HasProblem(a, "notes.txt", "not part of the bundle layout"));
}

}  // namespace kubesift
