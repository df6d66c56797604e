#include "rules/condition.h"

#include <hs/hs.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <ctime>

namespace kubesift {

bool ParsePath(std::string_view text, Path* out, std::string* error) {
  out->text = std::string(text);
  out->steps.clear();
  out->from_item = false;
  std::string_view rest = text;
  if (rest == "item") {
    out->from_item = true;
    return true;
  }
  if (rest.starts_with("item.") || rest.starts_with("item[")) {
    out->from_item = true;
    rest.remove_prefix(4);
    if (rest.front() == '.') rest.remove_prefix(1);
  }
  while (!rest.empty()) {
    if (rest.front() == '[') {
      size_t close = rest.find(']');
      if (close == std::string_view::npos) {
        *error = "unclosed '[' in path '" + std::string(text) + "'";
        return false;
      }
      std::string_view inner = rest.substr(1, close - 1);
      PathStep step;
      if (inner == "*") {
        step.type = PathStep::Type::kEach;
      } else if (!inner.empty() && (inner.front() == '"' || inner.front() == '\'')) {
        if (inner.size() < 2 || inner.back() != inner.front()) {
          *error = "unclosed quote in path '" + std::string(text) + "'";
          return false;
        }
        step.type = PathStep::Type::kKey;
        step.key = std::string(inner.substr(1, inner.size() - 2));
      } else if (size_t eq = inner.find('='); eq != std::string_view::npos) {
        step.type = PathStep::Type::kFilter;
        step.key = std::string(inner.substr(0, eq));
        step.value = std::string(inner.substr(eq + 1));
      } else {
        auto [p, ec] = std::from_chars(inner.data(), inner.data() + inner.size(), step.index);
        if (ec != std::errc() || p != inner.data() + inner.size()) {
          *error = "bad selector [" + std::string(inner) + "] in path '" + std::string(text) +
                   "' (use [*], [N], [field=value] or [\"key\"])";
          return false;
        }
        step.type = PathStep::Type::kIndex;
      }
      out->steps.push_back(std::move(step));
      rest.remove_prefix(close + 1);
      if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
      continue;
    }
    size_t end = rest.find_first_of(".[");
    std::string_view key = rest.substr(0, end);
    if (key.empty()) {
      *error = "empty step in path '" + std::string(text) + "'";
      return false;
    }
    out->steps.push_back({PathStep::Type::kKey, std::string(key), "", 0});
    rest.remove_prefix(key.size());
    if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
  }
  return true;
}

namespace {

void Walk(const std::vector<PathStep>& steps, size_t i, NodeRef node, std::vector<NodeRef>* out) {
  if (!node.valid()) return;
  if (i == steps.size()) {
    out->push_back(node);
    return;
  }
  const PathStep& step = steps[i];
  switch (step.type) {
    case PathStep::Type::kKey:
      Walk(steps, i + 1, node[step.key], out);
      return;
    case PathStep::Type::kIndex:
      if (node.IsSeq()) Walk(steps, i + 1, node.at(step.index), out);
      return;
    case PathStep::Type::kEach:
      if (node.IsSeq() || node.IsMap()) {
        for (NodeRef child : node) Walk(steps, i + 1, child, out);
      }
      return;
    case PathStep::Type::kFilter:
      if (node.IsSeq()) {
        for (NodeRef child : node) {
          if (child[step.key].Str() == step.value) Walk(steps, i + 1, child, out);
        }
      }
      return;
  }
}

bool ScalarEquals(NodeRef node, const std::string& want) {
  if (node.IsNull()) return want == "null" || want.empty();
  if (!node.IsScalar()) return false;
  std::string_view have = node.Str();
  if (have == want) return true;
  // 1 == 1.0, and YAML's True == true
  auto a = ParseQuantity(have), b = ParseQuantity(want);
  if (a && b && !node.quoted()) return *a == *b;
  auto x = node.Bool();
  if (x && (want == "true" || want == "false")) return *x == (want == "true");
  return false;
}

bool IsEmpty(NodeRef node) {
  if (!node.valid() || node.IsNull()) return true;
  if (node.IsMap() || node.IsSeq()) return node.size() == 0;
  return node.Str().empty();
}

}  // namespace

void Resolve(const Path& path, NodeRef root, NodeRef item, std::vector<NodeRef>* out) {
  Walk(path.steps, 0, path.from_item ? item : root, out);
}

FieldRegex::~FieldRegex() {
  if (scratch_) hs_free_scratch(scratch_);
  if (database_) hs_free_database(database_);
}

std::unique_ptr<FieldRegex> FieldRegex::Compile(const std::string& regex, std::string* error) {
  auto r = std::unique_ptr<FieldRegex>(new FieldRegex());
  hs_compile_error_t* compile_error = nullptr;
  if (hs_compile(regex.c_str(), HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY, HS_MODE_BLOCK, nullptr,
                 &r->database_, &compile_error) != HS_SUCCESS) {
    *error = compile_error && compile_error->message ? compile_error->message : "does not compile";
    hs_free_compile_error(compile_error);
    return nullptr;
  }
  if (hs_alloc_scratch(r->database_, &r->scratch_) != HS_SUCCESS) {
    *error = "cannot allocate Hyperscan scratch space";
    return nullptr;
  }
  return r;
}

bool FieldRegex::Matches(std::string_view text) const {
  bool matched = false;
  auto on_match = [](unsigned, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
    *static_cast<bool*>(ctx) = true;
    return 1;  // one match answers the question
  };
  hs_scan(database_, text.data(), static_cast<unsigned>(text.size()), 0, scratch_, on_match,
          &matched);
  return matched;
}

bool Condition::Evaluate(const EvalContext& ctx, std::vector<NodeRef>* witnesses) const {
  switch (op) {
    case Op::kAll: {
      size_t mark = witnesses->size();
      for (const Condition& c : children) {
        if (!c.Evaluate(ctx, witnesses)) {
          witnesses->resize(mark);
          return false;
        }
      }
      return true;
    }
    case Op::kAny: {
      bool any = false;
      for (const Condition& c : children) any = c.Evaluate(ctx, witnesses) || any;
      return any;
    }
    case Op::kNot: {
      std::vector<NodeRef> ignored;
      return !children.front().Evaluate(ctx, &ignored);
    }
    default:
      break;
  }
  std::vector<NodeRef> nodes;
  Resolve(path, ctx.object, ctx.item, &nodes);
  if (op == Op::kExists) {
    bool exists = false;
    for (NodeRef n : nodes) exists = exists || !n.IsNull();
    if (exists && flag && !nodes.empty()) witnesses->push_back(nodes.front());
    return exists == flag;
  }
  if (op == Op::kEmpty) {
    bool empty = true;
    for (NodeRef n : nodes) empty = empty && IsEmpty(n);
    if (empty && flag && !nodes.empty()) witnesses->push_back(nodes.front());
    return empty == flag;
  }
  if (op == Op::kNotIn) {
    // Holds when a value exists and none of the values is in the set.
    if (nodes.empty()) return false;
    for (NodeRef n : nodes) {
      for (const std::string& v : values) {
        if (ScalarEquals(n, v)) return false;
      }
    }
    witnesses->push_back(nodes.front());
    return true;
  }
  for (NodeRef n : nodes) {
    bool hold = false;
    switch (op) {
      case Op::kEquals:
        hold = ScalarEquals(n, values.front());
        break;
      case Op::kIn:
        for (const std::string& v : values) hold = hold || ScalarEquals(n, v);
        break;
      case Op::kMatches:
        hold = n.IsScalar() && regex->Matches(n.Str());
        break;
      case Op::kContains:
        hold = n.IsScalar() && n.Str().find(values.front()) != std::string_view::npos;
        break;
      case Op::kGt:
      case Op::kGe:
      case Op::kLt:
      case Op::kLe: {
        auto v = ParseQuantity(n.Str());
        if (!v) break;
        double limit = number;
        if (other) {
          std::vector<NodeRef> refs;
          Resolve(*other, ctx.object, ctx.item, &refs);
          auto r = refs.empty() ? std::nullopt : ParseQuantity(refs.front().Str());
          if (!r) break;
          limit = *r;
        }
        hold = op == Op::kGt   ? *v > limit
               : op == Op::kGe ? *v >= limit
               : op == Op::kLt ? *v < limit
                               : *v <= limit;
        break;
      }
      case Op::kOlderThan:
      case Op::kNewerThan: {
        auto t = ParseTimestamp(n.Str());
        if (!t || ctx.now <= 0) break;
        double age = ctx.now - *t;
        hold = op == Op::kOlderThan ? age > number : age <= number;
        break;
      }
      default:
        break;
    }
    if (hold) {
      witnesses->push_back(n);
      return true;
    }
  }
  return false;
}

std::optional<double> ParseQuantity(std::string_view text) {
  if (text.empty()) return std::nullopt;
  static constexpr std::pair<std::string_view, double> kSuffixes[] = {{"Ki", 1024.0},
                                                                      {"Mi", 1048576.0},
                                                                      {"Gi", 1073741824.0},
                                                                      {"Ti", 1099511627776.0},
                                                                      {"Pi", 1125899906842624.0},
                                                                      {"Ei", 1152921504606846976.0},
                                                                      {"n", 1e-9},
                                                                      {"u", 1e-6},
                                                                      {"m", 1e-3},
                                                                      {"k", 1e3},
                                                                      {"M", 1e6},
                                                                      {"G", 1e9},
                                                                      {"T", 1e12},
                                                                      {"P", 1e15},
                                                                      {"E", 1e18}};
  double scale = 1;
  std::string_view digits = text;
  for (const auto& [suffix, factor] : kSuffixes) {
    if (text.size() > suffix.size() && text.ends_with(suffix)) {
      digits = text.substr(0, text.size() - suffix.size());
      scale = factor;
      break;
    }
  }
  double value = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc() || p != digits.data() + digits.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value * scale;
}

std::optional<double> ParseTimestamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM|±HHMM)
  if (text.size() < 19) return std::nullopt;
  auto num = [&](size_t pos, size_t len, int* out) {
    auto [p, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, *out);
    return ec == std::errc() && p == text.data() + pos + len;
  };
  std::tm tm{};
  int year, month, day, hour, minute, second;
  if (!num(0, 4, &year) || text[4] != '-' || !num(5, 2, &month) || text[7] != '-' ||
      !num(8, 2, &day) || (text[10] != 'T' && text[10] != ' ' && text[10] != 't') ||
      !num(11, 2, &hour) || text[13] != ':' || !num(14, 2, &minute) || text[16] != ':' ||
      !num(17, 2, &second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  double t = static_cast<double>(timegm(&tm));
  size_t i = 19;
  if (i < text.size() && text[i] == '.') {
    size_t start = ++i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    double frac = 0, scale = 0.1;
    for (size_t j = start; j < i && j < start + 9; ++j, scale /= 10)
      frac += (text[j] - '0') * scale;
    t += frac;
  }
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
    int oh = 0, om = 0;
    if (!num(i + 1, 2, &oh)) return std::nullopt;
    size_t m = text.size() > i + 3 && text[i + 3] == ':' ? i + 4 : i + 3;
    if (text.size() >= m + 2) num(m, 2, &om);
    double offset = oh * 3600.0 + om * 60.0;
    t += text[i] == '+' ? -offset : offset;
  }
  return t;
}

std::optional<double> ParseDuration(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double total = 0;
  while (!text.empty()) {
    double value = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc()) return std::nullopt;
    text.remove_prefix(static_cast<size_t>(p - text.data()));
    if (text.empty()) return std::nullopt;
    double unit = 0;
    switch (text.front()) {
      case 's':
        unit = 1;
        break;
      case 'm':
        unit = 60;
        break;
      case 'h':
        unit = 3600;
        break;
      case 'd':
        unit = 86400;
        break;
      case 'w':
        unit = 604800;
        break;
      default:
        return std::nullopt;
    }
    text.remove_prefix(1);
    total += value * unit;
  }
  return total;
}

}  // namespace kubesift
