#include "resources/document.h"

#include <charconv>
#include <cstdlib>

namespace kubesift {

NodeType NodeRef::type() const { return doc_->node(index_).type; }
bool NodeRef::quoted() const { return valid() && doc_->node(index_).quoted; }
uint32_t NodeRef::line() const { return valid() ? doc_->node(index_).line : 0; }

std::string_view NodeRef::Str() const {
  if (!IsScalar()) return {};
  const Node& n = doc_->node(index_);
  return doc_->text(n.text_offset, n.text_size);
}

std::optional<double> NodeRef::Number() const {
  std::string_view s = Str();
  if (s.empty()) return std::nullopt;
  // strtod needs a terminated string; numbers in resources are short.
  std::string copy(s);
  char* end = nullptr;
  double v = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  return v;
}

std::optional<bool> NodeRef::Bool() const {
  std::string_view s = Str();
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

NodeRef NodeRef::operator[](std::string_view key) const {
  if (!IsMap()) return {};
  for (uint32_t c = doc_->node(index_).first_child; c != kNoNode; c = doc_->node(c).next_sibling) {
    const Node& n = doc_->node(c);
    if (doc_->text(n.key_offset, n.key_size) == key) return NodeRef(doc_, c);
  }
  return {};
}

NodeRef NodeRef::at(size_t i) const {
  if (!valid()) return {};
  uint32_t c = doc_->node(index_).first_child;
  for (; c != kNoNode && i > 0; --i) c = doc_->node(c).next_sibling;
  return c == kNoNode ? NodeRef() : NodeRef(doc_, c);
}

size_t NodeRef::size() const { return valid() ? doc_->node(index_).child_count : 0; }

NodeRef::Iterator& NodeRef::Iterator::operator++() {
  index_ = doc_->node(index_).next_sibling;
  return *this;
}

NodeRef::Iterator NodeRef::begin() const {
  if (!IsMap() && !IsSeq()) return Iterator(doc_, kNoNode);
  return Iterator(doc_, doc_->node(index_).first_child);
}
NodeRef::Iterator NodeRef::end() const { return Iterator(doc_, kNoNode); }

std::string_view NodeRef::key() const {
  if (!valid()) return {};
  const Node& n = doc_->node(index_);
  return doc_->text(n.key_offset, n.key_size);
}

uint32_t Document::Intern(std::string_view s) {
  auto offset = static_cast<uint32_t>(text_.size());
  text_.append(s);
  return offset;
}

uint32_t Document::AddNode(NodeType type, uint32_t parent, std::string_view key, uint32_t line) {
  auto index = static_cast<uint32_t>(nodes_.size());
  Node n;
  n.type = type;
  n.line = line;
  if (!key.empty()) {
    n.key_offset = Intern(key);
    n.key_size = static_cast<uint32_t>(key.size());
  }
  nodes_.push_back(n);
  if (parent != kNoNode) {
    Node& p = nodes_[parent];
    if (p.last_child == kNoNode) {
      p.first_child = index;
    } else {
      nodes_[p.last_child].next_sibling = index;
    }
    p.last_child = index;
    ++p.child_count;
  }
  return index;
}

void Document::SetScalar(uint32_t node, std::string_view text, bool quoted) {
  Node& n = nodes_[node];
  n.text_offset = Intern(text);
  n.text_size = static_cast<uint32_t>(text.size());
  n.quoted = quoted;
}

void Document::Reserve(size_t nodes, size_t text_bytes) {
  nodes_.reserve(nodes);
  text_.reserve(text_bytes);
}

}  // namespace kubesift
