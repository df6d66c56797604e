// A parsed YAML or JSON document in a compact, read-only form.
//
// Kubernetes resource files are large (a 5,000-pod list is ~50 MB of YAML) and read once, so
// nodes live in one flat vector and all scalar text in one string: a few allocations per file
// instead of one per node, and every node keeps the 1-based line it came from so a finding can
// cite `resources/pods.yaml:412`. Both readers (yaml_reader, json_reader) build this form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kubesift {

enum class NodeType : uint8_t { kNull, kScalar, kMap, kSeq };

class Document;

// A cheap handle to one node; an invalid handle stands for "absent" so lookups chain safely:
// pod["status"]["phase"].Str() is "" when any step is missing.
class NodeRef {
 public:
  NodeRef() = default;
  NodeRef(const Document* doc, uint32_t index) : doc_(doc), index_(index) {}

  bool valid() const { return doc_ != nullptr; }
  explicit operator bool() const { return valid(); }
  NodeType type() const;
  bool IsMap() const { return valid() && type() == NodeType::kMap; }
  bool IsSeq() const { return valid() && type() == NodeType::kSeq; }
  bool IsScalar() const { return valid() && type() == NodeType::kScalar; }
  bool IsNull() const { return valid() && type() == NodeType::kNull; }
  // True for a scalar written in quotes: "123" is a string, 123 a number.
  bool quoted() const;
  uint32_t line() const;

  // Scalar text ("" for anything else).
  std::string_view Str() const;
  std::optional<double> Number() const;
  std::optional<bool> Bool() const;

  // Map lookup (invalid when absent or not a map) and sequence element access.
  NodeRef operator[](std::string_view key) const;
  NodeRef at(size_t i) const;
  size_t size() const;  // children of a map or sequence

  // Iteration over the children of a map or sequence; key() is "" for sequence elements.
  class Iterator {
   public:
    Iterator(const Document* doc, uint32_t index) : doc_(doc), index_(index) {}
    NodeRef operator*() const { return NodeRef(doc_, index_); }
    Iterator& operator++();
    bool operator!=(const Iterator& o) const { return index_ != o.index_; }

   private:
    const Document* doc_;
    uint32_t index_;
  };
  Iterator begin() const;
  Iterator end() const;
  std::string_view key() const;

  const Document* document() const { return doc_; }
  uint32_t index() const { return index_; }

 private:
  const Document* doc_ = nullptr;
  uint32_t index_ = 0;
};

inline constexpr uint32_t kNoNode = UINT32_MAX;

struct Node {
  NodeType type = NodeType::kNull;
  bool quoted = false;
  uint32_t line = 0;
  uint32_t key_offset = 0, key_size = 0;  // into Document::text_
  uint32_t text_offset = 0, text_size = 0;
  uint32_t first_child = kNoNode, last_child = kNoNode, next_sibling = kNoNode;
  uint32_t child_count = 0;
};

class Document {
 public:
  NodeRef root() const { return nodes_.empty() ? NodeRef() : NodeRef(this, 0); }
  size_t node_count() const { return nodes_.size(); }
  size_t memory_bytes() const { return nodes_.capacity() * sizeof(Node) + text_.capacity(); }

  // Building (used by the readers). Children are appended in document order.
  uint32_t AddNode(NodeType type, uint32_t parent, std::string_view key, uint32_t line);
  void SetScalar(uint32_t node, std::string_view text, bool quoted);
  void Reserve(size_t nodes, size_t text_bytes);

  const Node& node(uint32_t i) const { return nodes_[i]; }
  std::string_view text(uint32_t offset, uint32_t size) const {
    return std::string_view(text_).substr(offset, size);
  }

 private:
  uint32_t Intern(std::string_view s);

  std::vector<Node> nodes_;
  std::string text_;
};

}  // namespace kubesift
