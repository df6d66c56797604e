// A small streaming JSON writer: the report is written once, front to back, so there is no
// tree to build. Strings are escaped per RFC 8259; invalid UTF-8 from a bundle is replaced
// with U+FFFD so the output is always valid JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kubesift {

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out, bool pretty = true) : out_(out), pretty_(pretty) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Number(double value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // Convenience: "key": value pairs.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& FieldInt(std::string_view key, int64_t value) { return Key(key).Int(value); }

  static void AppendEscaped(std::string* out, std::string_view text);

 private:
  void BeforeValue();
  void Newline();

  std::string* out_;
  bool pretty_;
  struct Level {
    bool is_object;
    bool empty = true;
  };
  std::vector<Level> stack_;
  bool after_key_ = false;
};

}  // namespace kubesift
