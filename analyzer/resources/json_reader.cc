// JSON resources through simdjson's On-Demand API, folded into a Document as they are read.
// Lines are found by counting newlines between successive value positions; values arrive in
// document order, so the count is one linear pass over the text.
#include <simdjson.h>

#include <algorithm>
#include <string>

#include "resources/resource_file.h"

namespace kubesift {
namespace {

namespace od = simdjson::ondemand;

class JsonBuilder {
 public:
  JsonBuilder(std::string_view path, std::string_view text, const ParseLimits& limits,
              ParsedResources* out)
      : path_(path), text_(text), limits_(limits), out_(out), cursor_(text.data()) {}

  void Run(std::string& buffer, SyntaxResult* result) {
    od::parser parser;
    simdjson::padded_string_view input(buffer.data(), buffer.size(), buffer.capacity());
    doc_ = std::make_unique<Document>();
    od::document json;
    auto error = parser.iterate(input).get(json);
    if (!error) error = BuildDocument(json);
    if (error) {
      Fail(error, json);
      for (uint32_t n : open_) result->incomplete.push_back(n);
    }
    if (doc_->node_count() > 0) {
      out_->documents.push_back(std::move(doc_));
      ++out_->documents_read;
    }
  }

 private:
  uint32_t LineOf(const char* p) {
    if (p < text_.data() || p > text_.data() + text_.size()) return line_;
    if (p < cursor_) {  // not expected, but stay correct
      cursor_ = text_.data();
      line_ = 1;
    }
    line_ += static_cast<uint32_t>(std::count(cursor_, p, '\n'));
    cursor_ = p;
    return line_;
  }

  void Fail(simdjson::error_code error, od::document& json) {
    const char* at = nullptr;
    uint32_t line = 0;
    if (!json.current_location().get(at)) line = LineOf(at);
    out_->problems.push_back(
        {std::string(path_), line, 0, std::string("JSON: ") + simdjson::error_message(error)});
  }

  simdjson::error_code BuildDocument(od::document& json) {
    od::json_type type;
    if (auto e = json.type().get(type)) return e;
    const char* at = nullptr;
    if (auto e = json.current_location().get(at)) return e;
    uint32_t line = LineOf(at);
    switch (type) {
      case od::json_type::object: {
        od::object obj;
        if (auto e = json.get_object().get(obj)) return e;
        return BuildObject(obj, kNoNode, "", line, 0);
      }
      case od::json_type::array: {
        od::array arr;
        if (auto e = json.get_array().get(arr)) return e;
        return BuildArray(arr, kNoNode, "", line, 0);
      }
      default: {
        std::string_view raw;
        if (auto e = json.raw_json_token().get(raw)) return e;
        return AddScalar(type, raw, json, kNoNode, "", line);
      }
    }
  }

  template <typename V>
  simdjson::error_code AddScalar(od::json_type type, std::string_view raw, V& value,
                                 uint32_t parent, std::string_view key, uint32_t line) {
    if (type == od::json_type::null) {
      doc_->AddNode(NodeType::kNull, parent, key, line);
      return simdjson::SUCCESS;
    }
    uint32_t n = doc_->AddNode(NodeType::kScalar, parent, key, line);
    if (type == od::json_type::string) {
      std::string_view s;
      if (auto e = value.get_string().get(s)) return e;
      doc_->SetScalar(n, s, true);
    } else {
      // Numbers and booleans keep their source text; the rule engine converts on use, so a
      // number too large for a double is still reported as written.
      while (!raw.empty() &&
             (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t' ||
              raw.back() == ',' || raw.back() == '}' || raw.back() == ']'))
        raw.remove_suffix(1);
      if (type == od::json_type::boolean) {
        bool b;
        if (auto e = value.get_bool().get(b)) return e;
      } else {
        double d;
        // Validates the token (NaN and garbage are rejected) without losing huge integers.
        if (auto e = value.get_double().get(d)) {
          if (e != simdjson::NUMBER_OUT_OF_RANGE) return e;
        }
      }
      doc_->SetScalar(n, raw, false);
    }
    return simdjson::SUCCESS;
  }

  simdjson::error_code BuildValue(od::value value, uint32_t parent, std::string_view key,
                                  size_t depth) {
    if (depth >= limits_.max_depth) return simdjson::DEPTH_ERROR;
    const char* at = nullptr;
    if (auto e = value.current_location().get(at)) return e;
    uint32_t line = LineOf(at);
    od::json_type type;
    if (auto e = value.type().get(type)) return e;
    switch (type) {
      case od::json_type::object: {
        od::object obj;
        if (auto e = value.get_object().get(obj)) return e;
        return BuildObject(obj, parent, key, line, depth);
      }
      case od::json_type::array: {
        od::array arr;
        if (auto e = value.get_array().get(arr)) return e;
        return BuildArray(arr, parent, key, line, depth);
      }
      default:
        return AddScalar(type, value.raw_json_token(), value, parent, key, line);
    }
  }

  simdjson::error_code BuildObject(od::object& obj, uint32_t parent, std::string_view key,
                                   uint32_t line, size_t depth) {
    uint32_t n = doc_->AddNode(NodeType::kMap, parent, key, line);
    open_.push_back(n);
    for (auto field : obj) {
      std::string_view k;
      if (auto e = field.unescaped_key().get(k)) return e;
      std::string owned(k);  // the key's storage is reused by the next unescape
      if (auto e = BuildValue(field.value(), n, owned, depth + 1)) return e;
    }
    open_.pop_back();
    return simdjson::SUCCESS;
  }

  simdjson::error_code BuildArray(od::array& arr, uint32_t parent, std::string_view key,
                                  uint32_t line, size_t depth) {
    uint32_t n = doc_->AddNode(NodeType::kSeq, parent, key, line);
    open_.push_back(n);
    for (auto element : arr) {
      od::value v;
      if (auto e = element.get(v)) return e;
      if (auto e = BuildValue(v, n, "", depth + 1)) return e;
    }
    open_.pop_back();
    return simdjson::SUCCESS;
  }

  std::string_view path_;
  std::string_view text_;
  const ParseLimits& limits_;
  ParsedResources* out_;
  std::unique_ptr<Document> doc_;
  std::vector<uint32_t> open_;
  const char* cursor_;
  uint32_t line_ = 1;
};

}  // namespace

SyntaxResult ParseJson(std::string_view path, std::string& text, const ParseLimits& limits,
                       ParsedResources* out) {
  SyntaxResult result;
  if (text.capacity() < text.size() + simdjson::SIMDJSON_PADDING) {
    text.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  }
  JsonBuilder builder(path, text, limits, out);
  builder.Run(text, &result);
  return result;
}

}  // namespace kubesift
