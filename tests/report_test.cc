// The report writers: JSON is always valid JSON (even from hostile bytes), and findings sort
// root causes first.
#include <simdjson.h>

#include <catch2/catch.hpp>

#include "report/finding.h"
#include "report/json_writer.h"

namespace kubesift {

TEST_CASE("JSON strings are escaped and invalid UTF-8 replaced", "[report]") {
  std::string out;
  const char kRaw[] = "a\"b\\c\n\t\x01 é \xff\xfe z \xe2\x82";
  JsonWriter::AppendEscaped(&out, std::string(kRaw, sizeof kRaw - 1));
  CHECK(out ==
        "\"a\\\"b\\\\c\\n\\t\\u0001 é \xEF\xBF\xBD\xEF\xBF\xBD z \xEF\xBF\xBD\xEF\xBF\xBD\"");
  std::string doc;
  JsonWriter w(&doc);
  w.BeginObject().Field("k", std::string("\xc0\xaf", 2)).Key("n").Number(1.5).Key("a").BeginArray();
  w.Int(1).Null().Bool(true).EndArray().EndObject();
  simdjson::dom::parser parser;
  simdjson::dom::element e;
  CHECK(parser.parse(doc).get(e) == simdjson::SUCCESS);
}

TEST_CASE("findings sort root causes first, then severity, rule, subject", "[report]") {
  std::vector<Finding> f(4);
  f[0].rule = "b";
  f[0].severity = Severity::kWarning;
  f[1].rule = "a";
  f[1].severity = Severity::kCritical;
  f[1].caused_by = {"x"};
  f[2].rule = "c";
  f[2].severity = Severity::kCritical;
  f[3].rule = "a";
  f[3].severity = Severity::kWarning;
  SortFindings(&f);
  CHECK(f[0].rule == "c");
  CHECK(f[1].rule == "a");
  CHECK(f[1].caused_by.empty());
  CHECK(f[2].rule == "b");
  CHECK(f[3].caused_by.size() == 1);
}

}  // namespace kubesift
