// Resource parsers side by side on one file: the numbers behind the choice of libyaml's event
// parser for resource YAML (and yaml-cpp for rule files only). One parser per process, so the
// peak RSS printed is that parser's own.
//
//   parse_bench PARSER FILE [ROUNDS]
//   PARSER: yaml-cpp | libyaml-events | kubesift-yaml | simdjson-ondemand | kubesift-json
#include <simdjson.h>
#include <sys/resource.h>
#include <yaml-cpp/yaml.h>
#include <yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "resources/resource_file.h"

namespace {

std::string ReadAll(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  text.reserve(text.size() + simdjson::SIMDJSON_PADDING);
  return text;
}

size_t YamlCpp(std::string& text) {
  YAML::Node root = YAML::Load(text);
  return root["items"].size();
}

size_t LibyamlEvents(std::string& text) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  size_t events = 0;
  for (bool done = false; !done;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) break;
    done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    ++events;
  }
  yaml_parser_delete(&parser);
  return events;
}

size_t Kubesift(std::string& text) {
  kubesift::ParsedResources out;
  kubesift::ParseResourceText("pods", text, "Pod", kubesift::ParseLimits{}, &out);
  return out.objects.size();
}

size_t SimdjsonOndemand(std::string& text) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string_view input(text.data(), text.size(), text.capacity());
  auto doc = parser.iterate(input);
  size_t n = 0;
  for (auto item : doc["items"]) {
    std::string_view name;
    if (!item["metadata"]["name"].get(name)) ++n;
  }
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: parse_bench PARSER FILE [ROUNDS]\n");
    return 2;
  }
  std::string parser = argv[1];
  std::function<size_t(std::string&)> run;
  if (parser == "yaml-cpp")
    run = YamlCpp;
  else if (parser == "libyaml-events")
    run = LibyamlEvents;
  else if (parser == "kubesift-yaml" || parser == "kubesift-json")
    run = Kubesift;
  else if (parser == "simdjson-ondemand")
    run = SimdjsonOndemand;
  else {
    std::fprintf(stderr, "unknown parser %s\n", parser.c_str());
    return 2;
  }
  std::string text = ReadAll(argv[2]);
  int rounds = argc > 3 ? std::atoi(argv[3]) : 3;
  std::vector<double> times;
  size_t result = 0;
  for (int i = 0; i < rounds; ++i) {
    std::string copy = text;
    copy.reserve(copy.size() + simdjson::SIMDJSON_PADDING);
    auto start = std::chrono::steady_clock::now();
    result = run(copy);
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  double median = times[times.size() / 2];
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("%-18s %8.1f MB  %7.3f s  %8.1f MB/s  peak RSS %6.0f MB  (%zu)\n", parser.c_str(),
              text.size() / 1e6, median, text.size() / 1e6 / median, usage.ru_maxrss / 1024.0,
              result);
  return 0;
}
