#include "rules/builtin_checks.h"

#include <algorithm>
#include <array>
#include <set>

#include "rules/condition.h"
#include "rules/rule_loader.h"

namespace kubesift {
namespace {

std::string FormatLabels(NodeRef map) {
  std::string out;
  for (NodeRef kv : map) {
    out += (out.empty() ? "" : ", ") + std::string(kv.key()) + ": " + std::string(kv.Str());
  }
  return out;
}

std::string Plural(size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

bool PodFinished(const Object& pod) {
  std::string_view phase = pod.node["status"]["phase"].Str();
  return phase == "Succeeded" || phase == "Failed";
}

// A Service with a selector that matches no pod in its namespace: its Endpoints stay empty.
// The nearest label value that pods do carry is offered as "did you mean".
void ServiceSelectorMatchesNoPod(const CheckContext& ctx, std::vector<CheckResult>* out) {
  if (!ctx.index.Collected("Pod")) return;  // pods not collected: nothing can be said
  std::map<std::string, std::vector<const Object*>> pods_by_ns;
  for (const Object* pod : ctx.index.OfKind("Pod")) pods_by_ns[pod->ns].push_back(pod);
  for (const Object* svc : ctx.index.OfKind("Service")) {
    NodeRef spec = svc->node["spec"];
    if (spec["type"].Str() == "ExternalName") continue;
    NodeRef selector = spec["selector"];
    if (selector.size() == 0) continue;  // selector-less Services manage their own Endpoints
    if (!ctx.graph.PodsSelectedBy(*svc).empty()) continue;
    CheckResult r;
    r.object = svc;
    r.subject = {svc->kind, svc->ns, svc->name};
    r.evidence.push_back(EvidenceAt(ctx.index, *svc, selector));
    for (NodeRef kv : selector) r.evidence.push_back(EvidenceAt(ctx.index, *svc, kv));
    r.vars["selector"] = FormatLabels(selector);
    // Per selector key, the closest value that pods in the namespace carry for that key.
    std::string suggestion;
    for (NodeRef kv : selector) {
      std::map<std::string, int> values;
      for (const Object* pod : pods_by_ns[svc->ns]) {
        NodeRef v = pod->node["metadata"]["labels"][kv.key()];
        if (v.valid()) ++values[std::string(v.Str())];
      }
      if (values.count(std::string(kv.Str()))) continue;
      std::vector<std::string> candidates;
      for (const auto& [v, n] : values) candidates.push_back(v);
      std::string near = DidYouMean(kv.Str(), candidates);
      if (near.empty()) continue;
      suggestion += (suggestion.empty() ? "" : "; ") + std::string("did you mean `") +
                    std::string(kv.key()) + ": " + near + "`, which " +
                    Plural(values[near], "pod") + (values[near] == 1 ? " carries" : " carry") + "?";
    }
    r.vars["suggestion"] =
        suggestion.empty() ? "no pod in the namespace has a similar label" : suggestion;
    out->push_back(std::move(r));
  }
}

struct ImageRef {
  std::string repository, tag;
};

// "myapp:lates" → {docker.io/library/myapp, lates}; digests carry no tag to compare.
ImageRef ParseImage(std::string_view image) {
  ImageRef ref;
  std::string_view name = image.substr(0, image.find('@'));
  size_t slash = name.rfind('/');
  size_t colon = name.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    ref.tag = std::string(name.substr(colon + 1));
    name = name.substr(0, colon);
  } else {
    ref.tag = "latest";
  }
  std::string repo(name);
  size_t first = repo.find('/');
  std::string host = first == std::string::npos ? "" : repo.substr(0, first);
  bool has_registry = host.find('.') != std::string::npos || host.find(':') != std::string::npos ||
                      host == "localhost";
  if (!has_registry) repo = "docker.io/" + (first == std::string::npos ? "library/" + repo : repo);
  ref.repository = repo;
  return ref;
}

// A pod whose image cannot be pulled, while the bundle shows the same repository with a tag
// one or two edits away (myappimage:lates vs latest): most likely a typo.
void ImageTagDidYouMean(const CheckContext& ctx, std::vector<CheckResult>* out) {
  // Every tag of every repository the bundle mentions, counted by where it appears.
  std::map<std::string, std::map<std::string, int>> tags;
  auto collect = [&](NodeRef pod_spec) {
    for (const char* list : {"containers", "initContainers"}) {
      for (NodeRef c : pod_spec[list]) {
        ImageRef ref = ParseImage(c["image"].Str());
        if (!ref.repository.empty()) ++tags[ref.repository][ref.tag];
      }
    }
  };
  for (const Object* pod : ctx.index.OfKind("Pod")) collect(pod->node["spec"]);
  for (const char* kind : {"ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job"}) {
    for (const Object* o : ctx.index.OfKind(kind)) collect(o->node["spec"]["template"]["spec"]);
  }
  for (const Object* pod : ctx.index.OfKind("Pod")) {
    for (const char* list : {"containerStatuses", "initContainerStatuses"}) {
      for (NodeRef cs : pod->node["status"][list]) {
        std::string_view reason = cs["state"]["waiting"]["reason"].Str();
        if (reason != "ErrImagePull" && reason != "ImagePullBackOff") continue;
        std::string image(cs["image"].Str());
        ImageRef ref = ParseImage(image);
        std::vector<std::string> candidates;
        for (const auto& [tag, n] : tags[ref.repository]) {
          if (tag != ref.tag) candidates.push_back(tag);
        }
        std::string near = DidYouMean(ref.tag, candidates);
        if (near.empty()) continue;
        CheckResult r;
        r.object = pod;
        r.subject = {"Pod", pod->ns, pod->name};
        r.evidence.push_back(EvidenceAt(ctx.index, *pod, cs["image"]));
        r.evidence.push_back(EvidenceAt(ctx.index, *pod, cs["state"]["waiting"]["reason"]));
        r.vars["container"] = cs["name"].Str();
        r.vars["image"] = image;
        r.vars["tag"] = ref.tag;
        r.vars["suggestion"] = near;
        r.vars["uses"] = Plural(tags[ref.repository][near], "place");
        // What to fix: the workload that owns the pod (`kubectl set image` takes kind/name).
        std::vector<const Object*> owners = ctx.graph.Owners(*pod);
        std::string workload =
            owners.empty() ? "pod/" + pod->name : owners.back()->kind + "/" + owners.back()->name;
        std::transform(
            workload.begin(), workload.begin() + static_cast<std::ptrdiff_t>(workload.find('/')),
            workload.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        r.vars["workload"] = workload;
        std::string_view named = image.substr(0, image.rfind(':'));
        r.vars["fixed_image"] = std::string(named) + ":" + near;
        out->push_back(std::move(r));
        break;
      }
    }
  }
}

int64_t Revision(const Object& rs) {
  auto v = rs.node["metadata"]["annotations"]["deployment.kubernetes.io/revision"].Number();
  return v ? static_cast<int64_t>(*v) : -1;
}

std::string EnvText(NodeRef env) {
  std::string out;
  for (NodeRef e : env) {
    out += (out.empty() ? "" : ", ") + std::string(e["name"].Str()) + "=";
    if (e["value"].valid()) {
      out += std::string(e["value"].Str());
    } else if (NodeRef from = e["valueFrom"]; from.valid()) {
      NodeRef ref = from.begin() != from.end() ? *from.begin() : NodeRef();
      out += "<" + std::string(ref.key()) + " " + std::string(ref["name"].Str()) + "/" +
             std::string(ref["key"].Str()) + ">";
    }
  }
  return out;
}

std::string ListText(NodeRef list) {
  std::string out;
  for (NodeRef v : list) out += (out.empty() ? "" : ", ") + std::string(v.Str());
  return list.valid() ? "[" + out + "]" : "(none)";
}

std::string ResourcesText(NodeRef r) {
  std::string out;
  for (const char* part : {"requests", "limits"}) {
    for (NodeRef kv : r[part]) {
      out += (out.empty() ? "" : ", ") + std::string(part) + "." + std::string(kv.key()) + "=" +
             std::string(kv.Str());
    }
  }
  return out.empty() ? "(none)" : out;
}

// What changed in a Deployment's pod template between its previous and current ReplicaSets:
// the first question when a rollout went wrong, answered without `kubectl rollout history`.
void DeploymentTemplateChanged(const CheckContext& ctx, std::vector<CheckResult>* out) {
  std::map<const Object*, std::vector<const Object*>> sets;
  for (const Object* rs : ctx.index.OfKind("ReplicaSet")) {
    std::vector<const Object*> owners = ctx.graph.Owners(*rs);
    if (!owners.empty() && owners.front()->kind == "Deployment" && Revision(*rs) >= 0) {
      sets[owners.front()].push_back(rs);
    }
  }
  for (auto& [deployment, list] : sets) {
    if (list.size() < 2) continue;
    std::sort(list.begin(), list.end(),
              [](const Object* a, const Object* b) { return Revision(*a) > Revision(*b); });
    const Object& current = *list[0];
    const Object& previous = *list[1];
    // Only a change that may matter now: a rollout in the last day, or a Deployment that is
    // not fully available. Old history on a healthy Deployment is not news.
    auto rolled = ParseTimestamp(current.node["metadata"]["creationTimestamp"].Str());
    bool recent = rolled && ctx.now - *rolled <= 86400;
    NodeRef status = deployment->node["status"];
    bool degraded = status["unavailableReplicas"].Number().value_or(0) > 0;
    if (!recent && !degraded) continue;
    NodeRef now_spec = current.node["spec"]["template"]["spec"];
    NodeRef was_spec = previous.node["spec"]["template"]["spec"];
    std::string diff;
    std::vector<Evidence> evidence;
    auto field = [&](const std::string& label, const std::string& was, const std::string& now,
                     NodeRef at) {
      if (was == now) return;
      diff += "  " + label + ":\n-   " + was + "\n+   " + now + "\n";
      if (at.valid()) evidence.push_back(EvidenceAt(ctx.index, current, at));
    };
    std::set<std::string> names;
    for (NodeRef c : now_spec["containers"]) names.insert(std::string(c["name"].Str()));
    for (NodeRef c : was_spec["containers"]) names.insert(std::string(c["name"].Str()));
    for (const std::string& name : names) {
      NodeRef now_c, was_c;
      for (NodeRef c : now_spec["containers"]) {
        if (c["name"].Str() == name) now_c = c;
      }
      for (NodeRef c : was_spec["containers"]) {
        if (c["name"].Str() == name) was_c = c;
      }
      if (!now_c.valid() || !was_c.valid()) {
        diff += std::string(now_c.valid() ? "+ container " : "- container ") + name + "\n";
        continue;
      }
      std::string prefix = "container " + name + " ";
      field(prefix + "image", std::string(was_c["image"].Str()), std::string(now_c["image"].Str()),
            now_c["image"]);
      field(prefix + "command", ListText(was_c["command"]), ListText(now_c["command"]),
            now_c["command"]);
      field(prefix + "args", ListText(was_c["args"]), ListText(now_c["args"]), now_c["args"]);
      field(prefix + "env", EnvText(was_c["env"]), EnvText(now_c["env"]), now_c["env"]);
      field(prefix + "resources", ResourcesText(was_c["resources"]),
            ResourcesText(now_c["resources"]), now_c["resources"]);
    }
    if (diff.empty()) continue;
    CheckResult r;
    r.object = deployment;
    r.subject = {"Deployment", deployment->ns, deployment->name};
    r.evidence = std::move(evidence);
    r.detail = "--- revision " + std::to_string(Revision(previous)) + " (ReplicaSet " +
               previous.name + ", created " +
               std::string(previous.node["metadata"]["creationTimestamp"].Str()) + ")\n" +
               "+++ revision " + std::to_string(Revision(current)) + " (ReplicaSet " +
               current.name + ", created " +
               std::string(current.node["metadata"]["creationTimestamp"].Str()) + ")\n" + diff;
    r.vars["previous_revision"] = std::to_string(Revision(previous));
    r.vars["current_revision"] = std::to_string(Revision(current));
    r.vars["current_replicaset"] = current.name;
    r.vars["rolled_out"] = current.node["metadata"]["creationTimestamp"].Str();
    out->push_back(std::move(r));
  }
}

// A running or pending pod that references a ConfigMap, Secret or PersistentVolumeClaim the
// bundle shows does not exist (when that kind was collected at all): it cannot start, or will
// not start again.
void PodReferencesMissingObject(const CheckContext& ctx, std::vector<CheckResult>* out) {
  for (const Object* pod : ctx.index.OfKind("Pod")) {
    if (PodFinished(*pod)) continue;
    std::vector<std::pair<std::string, NodeRef>> refs;  // kind, the node naming it
    NodeRef spec = pod->node["spec"];
    auto optional = [](NodeRef n) { return n["optional"].Bool().value_or(false); };
    for (NodeRef v : spec["volumes"]) {
      if (v["configMap"].valid() && !optional(v["configMap"]))
        refs.emplace_back("ConfigMap", v["configMap"]["name"]);
      if (v["secret"].valid() && !optional(v["secret"]))
        refs.emplace_back("Secret", v["secret"]["secretName"]);
      if (v["persistentVolumeClaim"].valid())
        refs.emplace_back("PersistentVolumeClaim", v["persistentVolumeClaim"]["claimName"]);
    }
    for (const char* list : {"containers", "initContainers"}) {
      for (NodeRef c : spec[list]) {
        for (NodeRef e : c["envFrom"]) {
          if (e["configMapRef"].valid() && !optional(e["configMapRef"]))
            refs.emplace_back("ConfigMap", e["configMapRef"]["name"]);
          if (e["secretRef"].valid() && !optional(e["secretRef"]))
            refs.emplace_back("Secret", e["secretRef"]["name"]);
        }
        for (NodeRef e : c["env"]) {
          NodeRef cm = e["valueFrom"]["configMapKeyRef"], sec = e["valueFrom"]["secretKeyRef"];
          if (cm.valid() && !optional(cm)) refs.emplace_back("ConfigMap", cm["name"]);
          if (sec.valid() && !optional(sec)) refs.emplace_back("Secret", sec["name"]);
        }
      }
    }
    std::set<std::string> reported;
    for (const auto& [kind, name_node] : refs) {
      std::string name(name_node.Str());
      if (name.empty() || !ctx.index.Collected(kind) || ctx.index.Find(kind, pod->ns, name) ||
          !reported.insert(kind + "/" + name).second) {
        continue;
      }
      CheckResult r;
      r.object = pod;
      r.subject = {"Pod", pod->ns, pod->name};
      r.evidence.push_back(EvidenceAt(ctx.index, *pod, name_node));
      r.vars["missing_kind"] = kind;
      r.vars["missing"] = name;
      out->push_back(std::move(r));
    }
  }
}

// A Service port whose targetPort is a name that no selected pod declares: traffic to it goes
// nowhere. Numeric targetPorts need no declaration and are never flagged.
void ServiceTargetPortMissing(const CheckContext& ctx, std::vector<CheckResult>* out) {
  for (const Object* svc : ctx.index.OfKind("Service")) {
    NodeRef spec = svc->node["spec"];
    if (spec["type"].Str() == "ExternalName" || spec["selector"].size() == 0) continue;
    std::vector<const Object*> pods = ctx.graph.PodsSelectedBy(*svc);
    if (pods.empty()) continue;
    for (NodeRef port : spec["ports"]) {
      NodeRef target = port["targetPort"];
      if (!target.IsScalar() || ParseQuantity(target.Str()).has_value()) continue;
      bool declared = false;
      for (const Object* pod : pods) {
        for (NodeRef c : pod->node["spec"]["containers"]) {
          for (NodeRef p : c["ports"]) declared = declared || p["name"].Str() == target.Str();
        }
      }
      if (declared) continue;
      CheckResult r;
      r.object = svc;
      r.subject = {"Service", svc->ns, svc->name};
      r.evidence.push_back(EvidenceAt(ctx.index, *svc, target));
      r.vars["target_port"] = target.Str();
      r.vars["port"] = port["port"].Str();
      r.vars["pods"] = Plural(pods.size(), "pod");
      out->push_back(std::move(r));
    }
  }
}

// The workload of a pod: the last of its owners, or null for a bare pod.
const Object* WorkloadOf(const CheckContext& ctx, const Object& pod) {
  std::vector<const Object*> owners = ctx.graph.Owners(pod);
  return owners.empty() ? nullptr : owners.back();
}

// Replicas of one workload running different builds of the same image reference (a moving tag
// like :latest pulled at different times): the replicas no longer run the same code.
void WorkloadImageDigestDiffers(const CheckContext& ctx, std::vector<CheckResult>* out) {
  // workload → container → imageID → pods
  std::map<const Object*, std::map<std::string, std::map<std::string, std::vector<const Object*>>>>
      digests;
  std::map<const Object*, std::map<std::string, NodeRef>> image_of;
  for (const Object* pod : ctx.index.OfKind("Pod")) {
    if (PodFinished(*pod)) continue;
    const Object* workload = WorkloadOf(ctx, *pod);
    if (!workload || workload->kind == "Job") continue;
    for (NodeRef cs : pod->node["status"]["containerStatuses"]) {
      std::string_view id = cs["imageID"].Str();
      if (id.empty()) continue;
      std::string digest(id.substr(id.find('@') == std::string_view::npos ? 0 : id.find('@') + 1));
      digests[workload][std::string(cs["name"].Str())][digest].push_back(pod);
      image_of[workload][std::string(cs["name"].Str())] = cs["image"];
    }
  }
  for (const auto& [workload, containers] : digests) {
    for (const auto& [container, by_digest] : containers) {
      if (by_digest.size() < 2) continue;
      CheckResult r;
      r.object = workload;
      r.subject = {workload->kind, workload->ns, workload->name};
      std::string builds;
      std::vector<std::pair<std::string, std::vector<const Object*>>> sorted(by_digest.begin(),
                                                                             by_digest.end());
      std::sort(sorted.begin(), sorted.end(),
                [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
      for (const auto& [digest, pods] : sorted) {
        std::string names;
        for (const Object* p : pods) names += (names.empty() ? "" : ", ") + p->name;
        builds += (builds.empty() ? "" : "; ") + digest.substr(0, 19) + "… on " + names;
        for (const Object* p : pods) {
          for (NodeRef cs : p->node["status"]["containerStatuses"]) {
            if (cs["name"].Str() == container && r.evidence.size() < 4) {
              r.evidence.push_back(EvidenceAt(ctx.index, *p, cs["imageID"]));
            }
          }
        }
      }
      r.vars["container"] = container;
      r.vars["image"] = image_of[workload][container].Str();
      r.vars["builds"] = builds;
      r.vars["digests"] = std::to_string(by_digest.size());
      out->push_back(std::move(r));
    }
  }
}

// One replica logging something else than its siblings right after the same line: the others
// always follow `First Number = 1` with `Second Number = 1`, it follows it with `= 2`. Read
// from the last lines kept of each replica's current log.
void ReplicaLogsDiverge(const CheckContext& ctx, std::vector<CheckResult>* out) {
  constexpr size_t kMaxPlaces = 5;
  std::map<std::pair<const Object*, std::string>, std::vector<const TextSource*>> groups;
  for (const TextSource& s : ctx.index.text_sources()) {
    if (s.kind != SourceKind::kPodLog || s.tail.size() < 2) continue;
    const Object* pod = ctx.index.Find("Pod", s.ns, s.pod);
    const Object* workload = pod ? WorkloadOf(ctx, *pod) : nullptr;
    if (workload) groups[{workload, s.container}].push_back(&s);
  }
  auto strip = [](std::string_view line) {
    size_t space = line.find(' ');
    if (space != std::string_view::npos && ParseTimestamp(line.substr(0, space))) {
      line.remove_prefix(space + 1);
    }
    return line;
  };
  for (const auto& [key, logs] : groups) {
    if (logs.size() < 3 || logs.size() > 50) continue;  // a majority needs three replicas
    // line → replica → the lines that follow it (and where)
    struct Next {
      std::set<std::string_view> lines;
      uint64_t at = 0;  // 1-based line of the first follower, in that replica's log
    };
    std::map<std::string_view, std::map<size_t, Next>> follows;
    for (size_t r = 0; r < logs.size(); ++r) {
      const auto& tail = logs[r]->tail;
      uint64_t first_line = logs[r]->lines >= tail.size() ? logs[r]->lines - tail.size() + 1 : 1;
      for (size_t i = 0; i + 1 < tail.size(); ++i) {
        std::string_view a = strip(tail[i]), b = strip(tail[i + 1]);
        if (a.size() < 3 || b.size() < 3) continue;
        Next& n = follows[a][r];
        if (n.lines.empty()) n.at = first_line + i + 1;
        n.lines.insert(b);
      }
    }
    // Places where every other replica that logged the line is consistent and agrees, and one
    // replica consistently does something else.
    std::map<size_t, std::vector<std::string>> odd;  // replica → descriptions
    std::map<size_t, uint64_t> odd_line;
    size_t places = 0;
    for (const auto& [a, by_replica] : follows) {
      if (by_replica.size() < 3) continue;
      std::map<std::string_view, size_t> votes;
      for (const auto& [r, n] : by_replica) {
        if (n.lines.size() == 1) ++votes[*n.lines.begin()];
      }
      for (const auto& [b, n_votes] : votes) {
        if (n_votes + 1 != by_replica.size() || n_votes < 2) continue;
        for (const auto& [r, n] : by_replica) {
          if (n.lines.count(b)) continue;
          ++places;
          odd[r].push_back("after `" + std::string(a) + "` the others log `" + std::string(b) +
                           "`, it logs `" + std::string(*n.lines.begin()) + "`");
          if (!odd_line.count(r)) odd_line[r] = n.at;
        }
      }
    }
    // Many places means the replicas simply log different things; a few is a divergence.
    if (odd.size() != 1 || places > kMaxPlaces * 2) continue;
    const auto& [replica, what] = *odd.begin();
    const TextSource& src = *logs[replica];
    const Object* workload = key.first;
    CheckResult r;
    r.object = workload;
    r.subject = {workload->kind, workload->ns, workload->name};
    r.evidence.push_back({src.path, odd_line[replica], ""});
    uint64_t line = odd_line[replica];
    const auto& tail = src.tail;
    uint64_t first_line = src.lines >= tail.size() ? src.lines - tail.size() + 1 : 1;
    if (line >= first_line && line - first_line < tail.size()) {
      r.evidence.back().text = tail[line - first_line];
    }
    r.vars["pod"] = src.pod;
    r.vars["container"] = key.second;
    r.vars["others"] = std::to_string(logs.size() - 1);
    r.vars["places"] = std::to_string(what.size());
    for (size_t i = 0; i < what.size() && i < kMaxPlaces; ++i) {
      r.detail += "- " + what[i] + "\n";
    }
    r.vars["first"] = what.front();
    out->push_back(std::move(r));
  }
}

struct NamedCheck {
  std::string_view name;
  BuiltinCheck check;
};

constexpr std::array<NamedCheck, 7> kChecks = {{
    {"service-selector-matches-no-pod", &ServiceSelectorMatchesNoPod},
    {"image-tag-did-you-mean", &ImageTagDidYouMean},
    {"deployment-template-changed", &DeploymentTemplateChanged},
    {"pod-references-missing-object", &PodReferencesMissingObject},
    {"service-target-port-missing", &ServiceTargetPortMissing},
    {"workload-image-digest-differs", &WorkloadImageDigestDiffers},
    {"replica-logs-diverge", &ReplicaLogsDiverge},
}};

}  // namespace

Evidence EvidenceAt(const Index& index, const Object& object, NodeRef node) {
  uint32_t line = node.valid() ? node.line() : object.line;
  return Evidence{*object.path, line, std::string(index.LineText(*object.path, line))};
}

BuiltinCheck FindBuiltinCheck(std::string_view name) {
  for (const NamedCheck& c : kChecks) {
    if (c.name == name) return c.check;
  }
  return nullptr;
}

std::vector<std::string> BuiltinCheckNames() {
  std::vector<std::string> names;
  for (const NamedCheck& c : kChecks) names.emplace_back(c.name);
  return names;
}

}  // namespace kubesift
