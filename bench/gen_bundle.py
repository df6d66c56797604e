#!/usr/bin/env python3
"""Deterministic generator of large synthetic support bundles in layout v1 (docs/bundle-format.md).

  python3 bench/gen_bundle.py --out PATH [--pods 5000] [--namespaces 50] [--nodes 20]
      [--events-per-pod 3] [--log-bytes-per-pod 220000] [--seed 1] [--format yaml|json]
      [--compress none|gz|zst]

Same arguments, same bytes. Python 3 standard library only (plus the zstd binary for --compress zst).
"""
import argparse, functools, io, json, os, random, re, struct, subprocess, sys, tarfile, time, uuid

TOP = "kubesift-bench-20261128T100000Z"
TAR_MTIME = 1764324000
NOW = 1795860000                      # 2026-11-28T10:00:00Z, the collection time
NS = 10**9

# ---------------------------------------------------------------------------------------------
# YAML emitter in kubectl's style (go-yaml v2 behind sigs.k8s.io/yaml): keys in go-yaml order,
# 2-space indent, indentless sequences, strings that would resolve to something else quoted,
# plain scalars and single-quoted strings folded at 80 columns, multi-line strings as literals.

def _go_key_less(a, b):
    """go-yaml v2 keyList.Less: at the first difference non-letters sort before letters, digit runs by value."""
    for i, (ca, cb) in enumerate(zip(a, b)):
        if ca != cb:
            al, bl = ca.isalpha(), cb.isalpha()
            if al or bl:
                return ca < cb if al and bl else bl
            da, db = re.match(r"\d*", a[i:]).group(), re.match(r"\d*", b[i:]).group()
            lead = 1 if "0" in (ca, cb) and re.search(r"\d*\Z", a[:i]).group().strip("0") else 0
            an, bn = lead * 10 ** len(da) + int(da or 0), lead * 10 ** len(db) + int(db or 0)
            return an < bn if an != bn else (len(da) < len(db) if len(da) != len(db) else ca < cb)
    return len(a) < len(b)

_KEY_ORDER = {}
_GOKEY = functools.cmp_to_key(lambda a, b: -1 if _go_key_less(a, b) else (1 if _go_key_less(b, a) else 0))

def _sorted_keys(d):
    ks = tuple(d)
    r = _KEY_ORDER.get(ks)
    if r is None:
        r = _KEY_ORDER[ks] = sorted(ks, key=_GOKEY)
    return r

_RESOLVE_MAP = set("~ null Null NULL y Y yes Yes YES n N no No NO true True TRUE false False FALSE "
                   "on On ON off Off OFF .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf "
                   "-.Inf -.INF <<".split())
_INT_RE = re.compile(r"[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_TS_RE = re.compile(r"\d{4}-\d\d?-\d\d?([Tt ]\d\d?:\d\d?:\d\d?(\.\d+)?(Z|[-+]\d\d:\d\d)?)?\Z")
_B60_RE = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?\Z")
_SPECIAL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\ufeff]")
_SCALARS = {}

def _non_str(s):
    """True if go-yaml would resolve the plain string to a non-string (so it must be quoted)."""
    if s == "" or s in _RESOLVE_MAP:
        return True
    if s[0] in "+-.0123456789":
        p = s.replace("_", "")
        return bool(_INT_RE.match(p) or _FLOAT_RE.match(p) or _TS_RE.match(s) or _B60_RE.match(s))
    return False

def _plain_ok(s):
    c = s[0]
    if c in "#,[]{}&*!|>'\"%@`" or c == " " or s[-1] == " ":
        return False
    if c in "-?:" and (len(s) == 1 or s[1] == " "):
        return False
    return not (s.startswith(("---", "...")) or ": " in s or s[-1] == ":" or " #" in s)

def _fold(s, col, cont, quoted):
    """Write s from column col, breaking at a single space once past column 80 (go-yaml's best_width)."""
    out, spaces, n = [], False, len(s)
    for i, ch in enumerate(s):
        if ch == " " and not spaces and col > 80 and i + 1 < n and s[i + 1] != " " and (not quoted or i > 0):
            out.append("\n" + cont)
            col = len(cont)
        else:
            out.append("''" if ch == "'" and quoted else ch)
            col += 2 if ch == "'" and quoted else 1
        spaces = ch == " "
    return "".join(out)

def yscalar(v, col, cont):
    """A scalar as it follows 'key: ' (starting at column col); cont is the continuation indent."""
    if v is None or isinstance(v, bool):
        return "null" if v is None else "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if col + len(v) <= 80:
        r = _SCALARS.get(v)
        if r is not None:
            return r
    if "\n" in v and not v.endswith(" ") and " \n" not in v:
        chomp = "-" if not v.endswith("\n") else ("+" if v.endswith("\n\n") else "")
        hint = "2" if v[0] == " " else ""
        body = v[:-1] if v.endswith("\n") else v
        return "|" + hint + chomp + "".join("\n" + (cont + ln if ln else "") for ln in body.split("\n"))
    if "\n" in v or _SPECIAL_RE.search(v) or _non_str(v):
        r = '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n") + '"'
    elif _plain_ok(v):
        r = v if col + len(v) <= 80 else _fold(v, col, cont, False)
    else:
        r = "'" + (v.replace("'", "''") if col + 1 + len(v) <= 80 else _fold(v, col + 1, cont, True)) + "'"
    if col + len(v) <= 80 and len(_SCALARS) < 200000:
        _SCALARS[v] = r
    return r

_KEYS = {}

def _ykey(k):
    r = _KEYS.get(k)
    if r is None:
        r = _KEYS[k] = k if not _non_str(k) and _plain_ok(k) and not _SPECIAL_RE.search(k) else yscalar(k, 0, "")
    return r

def ymap(d, ind, out, first=None):
    """Block mapping at indent ind (a string of spaces); first replaces ind on the first line."""
    pre = first if first is not None else ind
    for k in _sorted_keys(d):
        v = d[k]
        key = pre + _ykey(k) + ":"
        pre = ind
        if isinstance(v, dict):
            if v:
                out.append(key + "\n")
                ymap(v, ind + "  ", out)
            else:
                out.append(key + " {}\n")
        elif isinstance(v, list):
            if v:
                out.append(key + "\n")
                ylist(v, ind, out)
            else:
                out.append(key + " []\n")
        else:
            out.append(key + " " + yscalar(v, len(key) + 1, ind + "  ") + "\n")

def ylist(items, ind, out):
    for v in items:
        if isinstance(v, dict):
            if v:
                ymap(v, ind + "  ", out, ind + "- ")
            else:
                out.append(ind + "- {}\n")
        elif isinstance(v, list):
            out.append(ind + "- " + json.dumps(v) + "\n")   # not used by the generator
        else:
            out.append(ind + "- " + yscalar(v, len(ind) + 2, ind + "  ") + "\n")

def yaml_list_doc(items):
    """`kubectl get -A -o yaml` of a list: items is an iterable of dicts; returns str."""
    out = ["apiVersion: v1\nitems:\n"]
    for obj in items:
        ymap(obj, "  ", out, "- ")
    if len(out) == 1:
        out[0] = "apiVersion: v1\nitems: []\n"
    out.append('kind: List\nmetadata:\n  resourceVersion: ""\n')
    return "".join(out)

def json_list_doc(items):
    """`kubectl get -A -o json` of a list (encoding/json, sorted keys, 4-space indent)."""
    parts = []
    for obj in items:
        s = json.dumps(obj, indent=4, sort_keys=True, ensure_ascii=False)
        parts.append("        " + s.replace("\n", "\n        "))
    body = ("[\n" + ",\n".join(parts) + "\n    ]") if parts else "[]"
    s = ('{\n    "apiVersion": "v1",\n    "items": ' + body +
         ',\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n')
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

# ---------------------------------------------------------------------------------------------
# Cluster model: namespaces, nodes, deployments and pods, with the planted failures.

SAFE = "bcdfghjklmnpqrstvwxz2456789"
NS_WORDS = ("accounts analytics auth billing catalog checkout cms crm data-platform delivery edge "
            "email fraud gateway identity inventory ledger logistics loyalty marketing media "
            "messaging ml-serving notifications observability orders partners payments pricing "
            "profiles promotions recommendations reporting returns reviews risk search shipping "
            "shop storefront subscriptions support tax tenants warehouse web workflows").split()
APPS = ("api worker frontend backend cart orders search indexer scheduler notifier gateway users "
        "sessions ledger invoices pricing catalog-sync image-resizer report-builder webhook-relay "
        "event-router feature-flags rate-limiter graphql export-worker importer mailer").split()
STYLES = ("java", "java", "go", "go", "node", "python")
BAD_IMAGE = "registry.example.com/shop/api:v1.2.3"
ENVOY = "docker.io/envoyproxy/envoy:v1.31.2"
DOWN_NODE = 7

def ts(t): return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))                      # noqa: E704
def rid(rng, n): return "".join(rng.choices(SAFE, k=n))                                       # noqa: E704
def ruid(rng): return str(uuid.UUID(int=rng.getrandbits(128), version=4))                     # noqa: E704
def rhex(rng, n=64): return "%0*x" % (n, rng.getrandbits(4 * n))                              # noqa: E704

def build_model(a):
    rng = random.Random("model:%d" % a.seed)
    words = NS_WORDS[:]
    rng.shuffle(words)
    nss = [words[i % len(words)] + ("-%d" % (i // len(words) + 1) if i >= len(words) else "")
           for i in range(a.namespaces)]
    nodes = [{"name": "node-%02d" % (i + 1), "i": i, "ip": "10.0.%d.%d" % divmod(20 + i, 256),
              "uid": ruid(rng), "boot": ruid(rng), "machine": rhex(rng, 32), "pods": [],
              "down": i + 1 == DOWN_NODE, "kpid": rng.randint(700, 1200), "cpid": rng.randint(500, 690),
              "created": NOW - rng.randint(60, 120) * 86400} for i in range(a.nodes)]
    deps, pods, used = [], [], set()
    while len(pods) < a.pods:
        ns, base = rng.choice(nss), rng.choice(APPS)
        name, k = base, 2
        while (ns, name) in used:
            name, k = "%s-%d" % (base, k), k + 1
        used.add((ns, name))
        ver = "v%d.%d.%d" % (rng.randint(1, 3), rng.randint(0, 30), rng.randint(0, 20))
        d = {"ns": ns, "name": name, "cname": base, "hash": rid(rng, 10), "uid": ruid(rng),
             "rs_uid": ruid(rng), "style": rng.choice(STYLES), "ver": ver, "digest": rhex(rng),
             "image": "registry.example.com/%s/%s:%s" % (ns, name, ver), "sidecar": rng.random() < 0.4,
             "created": NOW - rng.randint(10, 90) * 86400, "port": rng.choice((8080, 8080, 3000, 8000)),
             "old": (rid(rng, 10), ruid(rng)) if rng.random() < 0.5 else None, "cfg": rhex(rng),
             "svc_uid": ruid(rng), "ep_uid": ruid(rng), "svc_ip": "10.96.%d.%d" % divmod(300 + len(deps), 250),
             "pull": False, "pods": [], "rv": str(rng.randint(100000, 9000000))}
        deps.append(d)
        for _ in range(min(rng.choice((1, 2, 2, 3, 3, 3, 4, 5, 6, 8)), a.pods - len(pods))):
            n = nodes[rng.randrange(len(nodes))]
            o = 2 + len(n["pods"])
            ip = "10.%d.%d.%d" % (64 + n["i"] * 16 // 256, n["i"] * 16 % 256 + o // 256 % 16, o % 256)
            p = {"dep": d, "name": "%s-%s-%s" % (name, d["hash"], rid(rng, 5)), "uid": ruid(rng), "node": n,
                 "ip": ip, "start": max(d["created"] + 600, NOW - rng.randint(3600, 9 * 86400)),
                 "rv": str(rng.randint(100000, 9000000)), "tok": rid(rng, 5), "cs": [], "init": rhex(rng)}
            share = (1.0,) if not d["sidecar"] else (0.75, 0.25)
            for ci, cn in enumerate((base, "envoy")[:len(share)]):
                p["cs"].append({"name": cn, "style": d["style"] if ci == 0 else "envoy", "cid": rhex(rng),
                                "bytes": int(a.log_bytes_per_pod * share[ci] * rng.uniform(0.85, 1.15)),
                                "run": p["start"] + rng.randint(2, 9), "restarts": 0, "last": None,
                                "prev": None, "dns": False, "state": "run"})
            n["pods"].append(p)
            d["pods"].append(p)
            pods.append(p)
    plant_failures(a, deps, pods)
    return nss, nodes, deps, pods

def plant_failures(a, deps, pods):
    rng = random.Random("failures:%d" % a.seed)
    order, got, target = deps[:], 0, max(1, round(len(pods) * 0.005))
    rng.shuffle(order)
    for d in order:                       # ImagePullBackOff: whole deployments on a bad image
        if got < target and got + len(d["pods"]) <= target + 1:
            d["pull"], d["image"], got = True, BAD_IMAGE, got + len(d["pods"])
            for p in d["pods"]:
                p["start"] = NOW - rng.randint(900, 7200)
                p["cs"][0]["state"] = "pull"
                for c in p["cs"]:
                    c["run"] = p["start"] + rng.randint(2, 9)
    ok = [p for p in pods if not p["dep"]["pull"]]
    java = [p for p in ok if p["dep"]["style"] == "java"] or ok
    for p in rng.sample(java, min(len(java), max(1, round(len(pods) * 0.01)))):
        c = p["cs"][0]                    # CrashLoopBackOff, last run OOMKilled
        c["state"], c["prev"], c["restarts"] = "crash", "oom", rng.randint(5, 20)
        ls = NOW - rng.randint(300, 600)
        c["last"] = ("OOMKilled", 137, ls, ls + rng.randint(40, 180))
        p["start"] = min(p["start"], ls - c["restarts"] * 310 - rng.randint(60, 3600))
    running = [c for p in ok for c in p["cs"] if c["state"] == "run"]
    nlogs = len(running) + len(pods) // 100
    gos = [c for c in running if c["style"] == "go"] or running
    picks = rng.sample(gos, min(len(gos), max(1, round(nlogs * 0.002))))
    rest = [c for c in running if not any(c is q for q in picks)]
    for i, c in enumerate(picks + rng.sample(rest, min(len(rest), round(len(running) * 0.021)))):
        reason, code = ("Error", 2) if i < len(picks) else rng.choice((("Error", 1), ("Error", 143)))
        end = rng.randint(c["run"] + 300, max(c["run"] + 301, NOW - 600))
        c["last"], c["prev"], c["restarts"] = (reason, code, c["run"], end), "panic" if code == 2 else "error", rng.randint(1, 3)
        c["run"] = end + rng.randint(1, 4)
    for c in rng.sample(gos, min(len(gos), max(1, round(nlogs * 0.005)))):
        c["dns"] = True

# ---------------------------------------------------------------------------------------------
# Resource objects, as the API server returns them.

def _probe(path, port, delay):
    return {"failureThreshold": 3, "httpGet": {"path": path, "port": port, "scheme": "HTTP"},
            "initialDelaySeconds": delay, "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 2}

ENV = {"java": (("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"), ("SPRING_PROFILES_ACTIVE", "prod")),
       "go": (("GOMAXPROCS", "2"), ("GOMEMLIMIT", "450MiB")),
       "node": (("NODE_ENV", "production"), ("NODE_OPTIONS", "--max-old-space-size=384")),
       "python": (("PYTHONUNBUFFERED", "1"), ("WEB_CONCURRENCY", "4"))}
TERM = {"terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}

def template(d):
    """Pod template of a deployment: (labels, annotations, spec); built once, shared by its pods."""
    if "tpl" in d:
        return d["tpl"]
    ns, name, port = d["ns"], d["name"], d["port"]
    env = [{"name": k, "value": v} for k, v in ENV[d["style"]]] + [
        {"name": "LOG_LEVEL", "value": "info"}, {"name": "DB_HOST", "value": "postgres.%s.svc.cluster.local" % ns},
        {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"key": "password", "name": name + "-db"}}},
        {"name": "OTEL_EXPORTER_OTLP_ENDPOINT", "value": "http://otel-collector.observability.svc.cluster.local:4317"},
        {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}}]
    main = dict(TERM, env=env, envFrom=[{"configMapRef": {"name": name + "-config"}}], image=d["image"],
                imagePullPolicy="IfNotPresent", livenessProbe=_probe("/healthz", port, 30), name=d["cname"],
                ports=[{"containerPort": port, "name": "http", "protocol": "TCP"},
                       {"containerPort": 9090, "name": "metrics", "protocol": "TCP"}],
                readinessProbe=_probe("/readyz", port, 5),
                resources={"limits": {"cpu": "1", "memory": "512Mi"}, "requests": {"cpu": "250m", "memory": "256Mi"}},
                securityContext={"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]},
                                 "readOnlyRootFilesystem": True, "runAsNonRoot": True, "runAsUser": 10001},
                lifecycle={"preStop": {"exec": {"command": ["/bin/sh", "-c", "sleep 5"]}}},
                startupProbe=dict(_probe("/healthz", port, 0), failureThreshold=30, periodSeconds=5),
                volumeMounts=[{"mountPath": "/etc/app", "name": "config", "readOnly": True}, {"mountPath": "/tmp", "name": "tmp"},
                              {"mountPath": "/etc/tls", "name": "tls", "readOnly": True}])
    init = dict(TERM, command=["/bin/sh", "-c", "until nc -z -w 2 $DB_HOST 5432; do echo waiting for database; sleep 2; done"],
                env=env[-4:-1], image="docker.io/library/busybox:1.36.1", imagePullPolicy="IfNotPresent", name="wait-for-db",
                resources={"limits": {"cpu": "100m", "memory": "32Mi"}, "requests": {"cpu": "10m", "memory": "16Mi"}},
                securityContext=main["securityContext"], volumeMounts=[{"mountPath": "/tmp", "name": "tmp"}])
    cs = [main]
    vols = [{"configMap": {"defaultMode": 420, "name": name + "-config"}, "name": "config"}, {"emptyDir": {}, "name": "tmp"},
            {"name": "tls", "secret": {"defaultMode": 420, "secretName": name + "-tls"}}]
    if d["sidecar"]:
        cs.append(dict(TERM, args=["-c", "/etc/envoy/envoy.yaml", "--service-cluster", name, "--log-level", "info"],
                       image=ENVOY, imagePullPolicy="IfNotPresent", name="envoy",
                       ports=[{"containerPort": 15001, "name": "proxy", "protocol": "TCP"},
                              {"containerPort": 15000, "name": "admin", "protocol": "TCP"}],
                       readinessProbe=_probe("/ready", 15000, 1),
                       resources={"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "50m", "memory": "64Mi"}},
                       volumeMounts=[{"mountPath": "/etc/envoy", "name": "envoy-config", "readOnly": True}]))
        vols.append({"configMap": {"defaultMode": 420, "name": name + "-envoy"}, "name": "envoy-config"})
    labels = {"app.kubernetes.io/instance": name, "app.kubernetes.io/name": name,
              "app.kubernetes.io/part-of": ns, "app.kubernetes.io/version": d["ver"], "team": ns,
              "app.kubernetes.io/component": "server", "app.kubernetes.io/managed-by": "Helm",
              "helm.sh/chart": "%s-%s" % (name, d["ver"][1:])}
    ann = {"checksum/config": d["cfg"], "kubectl.kubernetes.io/restartedAt": ts(d["created"] + 86400),
           "prometheus.io/path": "/metrics", "prometheus.io/port": "9090", "prometheus.io/scrape": "true"}
    spec = {"affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{
                "podAffinityTerm": {"labelSelector": {"matchLabels": {"app.kubernetes.io/name": name}},
                                    "topologyKey": "kubernetes.io/hostname"}, "weight": 100}]}},
            "containers": cs, "dnsPolicy": "ClusterFirst", "initContainers": [init], "restartPolicy": "Always",
            "topologySpreadConstraints": [{"labelSelector": {"matchLabels": {"app.kubernetes.io/name": name}},
                                           "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
                                           "whenUnsatisfiable": "ScheduleAnyway"}],
            "schedulerName": "default-scheduler", "serviceAccountName": name,
            "securityContext": {"fsGroup": 10001, "seccompProfile": {"type": "RuntimeDefault"}},
            "terminationGracePeriodSeconds": 30, "volumes": vols}
    d["tpl"] = (labels, ann, spec)
    return d["tpl"]

TOLERATIONS = [{"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
               {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}]

def _cond(typ, status, t, reason=None, msg=None):
    c = {"lastProbeTime": None, "lastTransitionTime": ts(t), "status": status, "type": typ}
    if reason:
        c["reason"], c["message"] = reason, msg
    return c

def pod_obj(p):
    d, node = p["dep"], p["node"]
    labels, ann, tspec = template(d)
    vol = "kube-api-access-" + p["tok"]
    mount = {"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": vol, "readOnly": True}
    spec = dict(tspec, containers=[dict(c, volumeMounts=c["volumeMounts"] + [mount]) for c in tspec["containers"]],
                initContainers=[dict(c, volumeMounts=c["volumeMounts"] + [mount]) for c in tspec["initContainers"]],
                enableServiceLinks=True, nodeName=node["name"], preemptionPolicy="PreemptLowerPriority", priority=0,
                serviceAccount=d["name"], tolerations=TOLERATIONS, volumes=tspec["volumes"] + [{"name": vol, "projected": {
                    "defaultMode": 420, "sources": [{"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                    {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"},
                                                "path": "namespace"}]}}]}}])
    sts, unready, tu = [], [], p["start"] + 2
    for c, ct in zip(p["cs"], tspec["containers"]):
        s = {"containerID": "containerd://" + c["cid"], "image": ct["image"], "imageID": ct["image"].rsplit(":", 1)[0] + "@sha256:" + (d["digest"] if ct["image"] == d["image"] else "4c8a9b2f8e1d6a3b5c7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e"),
             "lastState": {}, "name": c["name"], "ready": True, "restartCount": c["restarts"], "started": True,
             "state": {"running": {"startedAt": ts(c["run"])}}}
        if c["last"]:
            r, code, t0, t1 = c["last"]
            s["lastState"] = {"terminated": {"containerID": s["containerID"], "exitCode": code, "finishedAt": ts(t1),
                                             "reason": r, "startedAt": ts(t0)}}
        if c["state"] != "run":
            unready.append(c["name"])
            s.update(ready=False, started=False)
            if c["state"] == "crash":
                tu = c["last"][3]
                s["state"] = {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container=%s pod=%s_%s(%s)" % (c["name"], p["name"], d["ns"], p["uid"])}}
            else:
                s = {"image": ct["image"], "imageID": "", "lastState": {}, "name": c["name"], "ready": False, "restartCount": 0,
                     "started": False, "state": {"waiting": {"message": 'Back-off pulling image "%s"' % ct["image"], "reason": "ImagePullBackOff"}}}
        sts.append(s)
    t, msg = p["start"], "containers with unready status: [%s]" % " ".join(unready)
    ready = _cond("Ready", "True", t + 12) if not unready else _cond("Ready", "False", tu, "ContainersNotReady", msg)
    if node["down"] and not unready:
        ready = _cond("Ready", "False", NOW - 560)
    status = {"conditions": [_cond("Initialized", "True", t + 1), ready,
                             _cond("ContainersReady", "True", t + 12) if not unready else _cond("ContainersReady", "False", tu, "ContainersNotReady", msg),
                             _cond("PodScheduled", "True", t)],
              "containerStatuses": sts, "hostIP": node["ip"], "hostIPs": [{"ip": node["ip"]}],
              "initContainerStatuses": [{"containerID": "containerd://" + p["init"], "image": "docker.io/library/busybox:1.36.1",
                  "imageID": "docker.io/library/busybox@sha256:768e5c6f5cb6db0794eec98dc7a967f40631746c32232b78a3105fb946f3ab83",
                  "lastState": {}, "name": "wait-for-db", "ready": True, "restartCount": 0, "started": False,
                  "state": {"terminated": {"containerID": "containerd://" + p["init"], "exitCode": 0, "finishedAt": ts(t + 1),
                                           "reason": "Completed", "startedAt": ts(t)}}}],
              "phase": "Pending" if d["pull"] else "Running", "podIP": p["ip"], "podIPs": [{"ip": p["ip"]}],
              "qosClass": "Burstable", "startTime": ts(t)}
    meta = {"annotations": ann, "creationTimestamp": ts(t), "generateName": "%s-%s-" % (d["name"], d["hash"]),
            "labels": dict(labels, **{"pod-template-hash": d["hash"]}), "name": p["name"], "namespace": d["ns"],
            "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True, "kind": "ReplicaSet",
                                 "name": "%s-%s" % (d["name"], d["hash"]), "uid": d["rs_uid"]}],
            "resourceVersion": p["rv"], "uid": p["uid"]}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status}

def _meta(ns, name, t, uid, rv, **kw):
    m = dict(kw, creationTimestamp=ts(t), name=name, resourceVersion=rv, uid=uid)
    if ns:
        m["namespace"] = ns
    return m

def _dcond(typ, status, t, reason, msg):
    return {"lastTransitionTime": ts(t), "lastUpdateTime": ts(t), "message": msg, "reason": reason, "status": status, "type": typ}

def workload_objs(d):
    """The Deployment, its ReplicaSets, Service and Endpoints."""
    labels, ann, tspec = template(d)
    ns, name, n, t = d["ns"], d["name"], len(d["pods"]), d["created"]
    ready = sum(1 for p in d["pods"] if all(c["state"] == "run" for c in p["cs"]) and not p["node"]["down"])
    sel = {"app.kubernetes.io/instance": name, "app.kubernetes.io/name": name}
    helm = {"meta.helm.sh/release-name": name, "meta.helm.sh/release-namespace": ns}
    rev = "2" if d["old"] else "1"
    tpl = {"metadata": {"annotations": ann, "creationTimestamp": None, "labels": labels}, "spec": tspec}
    counts = {k: v for k, v in (("availableReplicas", ready), ("readyReplicas", ready)) if v}
    conds = ([_dcond("Available", "True", t + 60, "MinimumReplicasAvailable", "Deployment has minimum availability."),
              _dcond("Progressing", "True", t + 30, "NewReplicaSetAvailable", 'ReplicaSet "%s-%s" has successfully progressed.' % (name, d["hash"]))]
             if not d["pull"] else
             [_dcond("Available", "False", NOW - 3000, "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
              _dcond("Progressing", "False", NOW - 2400, "ProgressDeadlineExceeded", 'ReplicaSet "%s-%s" has timed out progressing.' % (name, d["hash"]))])
    dep = {"apiVersion": "apps/v1", "kind": "Deployment",
           "metadata": _meta(ns, name, t, d["uid"], d["rv"], annotations=dict(helm, **{"deployment.kubernetes.io/revision": rev}),
                             generation=int(rev), labels=labels),
           "spec": {"progressDeadlineSeconds": 600, "replicas": n, "revisionHistoryLimit": 10, "selector": {"matchLabels": sel},
                    "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                    "template": tpl},
           "status": dict(counts, conditions=conds, observedGeneration=int(rev), replicas=n, updatedReplicas=n,
                          **({"unavailableReplicas": n - ready} if n > ready else {}))}
    rss = []
    for h, uid, reps, r in ((d["hash"], d["rs_uid"], n, rev),) + (((d["old"][0], d["old"][1], 0, "1"),) if d["old"] else ()):
        t2 = dict(tpl, metadata=dict(tpl["metadata"], labels=dict(labels, **{"pod-template-hash": h})))
        if reps == 0:
            t2["spec"] = dict(tspec, containers=[dict(tspec["containers"][0], image=d["image"].rsplit(":", 1)[0] + ":v0.9.0")] + tspec["containers"][1:])
        st = dict(counts, fullyLabeledReplicas=reps, observedGeneration=1, replicas=reps) if reps else {"observedGeneration": 2, "replicas": 0}
        rss.append({"apiVersion": "apps/v1", "kind": "ReplicaSet",
                    "metadata": _meta(ns, "%s-%s" % (name, h), t if reps == 0 else t + 86400 * (r == "2"), uid, d["rv"],
                                      annotations=dict(helm, **{"deployment.kubernetes.io/desired-replicas": str(n),
                                                                "deployment.kubernetes.io/max-replicas": str(n + (n + 3) // 4),
                                                                "deployment.kubernetes.io/revision": r}),
                                      generation=1 if reps else 2, labels=dict(labels, **{"pod-template-hash": h}),
                                      ownerReferences=[{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True,
                                                        "kind": "Deployment", "name": name, "uid": d["uid"]}]),
                    "spec": {"replicas": reps, "selector": {"matchLabels": dict(sel, **{"pod-template-hash": h})}, "template": t2},
                    "status": st})
    ports = [{"name": "http", "port": 80, "protocol": "TCP", "targetPort": "http"},
             {"name": "metrics", "port": 9090, "protocol": "TCP", "targetPort": "metrics"}]
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": _meta(ns, name, t, d["svc_uid"], d["rv"], annotations=helm, labels=labels),
           "spec": {"clusterIP": d["svc_ip"], "clusterIPs": [d["svc_ip"]], "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
                    "ipFamilyPolicy": "SingleStack", "ports": ports, "selector": sel, "sessionAffinity": "None", "type": "ClusterIP"},
           "status": {"loadBalancer": {}}}
    addr = {True: [], False: []}
    for p in sorted(d["pods"], key=lambda p: p["ip"]):
        ok = all(c["state"] == "run" for c in p["cs"]) and not p["node"]["down"]
        addr[ok].append({"ip": p["ip"], "nodeName": p["node"]["name"],
                         "targetRef": {"kind": "Pod", "name": p["name"], "namespace": ns, "uid": p["uid"]}})
    sub = {k: v for k, v in (("addresses", addr[True]), ("notReadyAddresses", addr[False])) if v}
    sub["ports"] = [{"name": "http", "port": d["port"], "protocol": "TCP"}, {"name": "metrics", "port": 9090, "protocol": "TCP"}]
    ep = {"apiVersion": "v1", "kind": "Endpoints",
          "metadata": _meta(ns, name, t, d["ep_uid"], d["rv"], annotations={"endpoints.kubernetes.io/last-change-trigger-time": ts(NOW - 560)},
                            labels=labels), "subsets": [sub]}
    return dep, rss, svc, ep

def node_obj(n, deps_on_node):
    t, down = n["created"], n["down"]
    cidr = "10.%d.%d.0/20" % (64 + n["i"] * 16 // 256, n["i"] * 16 % 256)
    zone = "zone-" + "abc"[n["i"] % 3]
    cap = {"cpu": "16", "ephemeral-storage": "203056560Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": "65842168Ki",
           "pods": str(max(110, (len(n["pods"]) + 60) // 50 * 50))}
    conds = []
    for typ, reason, msg in (("MemoryPressure", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                             ("DiskPressure", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                             ("PIDPressure", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                             ("Ready", "KubeletReady", "kubelet is posting ready status. AppArmor enabled")):
        if down:
            conds.append({"lastHeartbeatTime": ts(NOW - 620), "lastTransitionTime": ts(NOW - 560), "message": "Kubelet stopped posting node status.",
                          "reason": "NodeStatusUnknown", "status": "Unknown", "type": typ})
        else:
            conds.append({"lastHeartbeatTime": ts(NOW - 7 - n["i"] % 40), "lastTransitionTime": ts(t + 40), "message": msg,
                          "reason": reason, "status": "True" if typ == "Ready" else "False", "type": typ})
    images = [{"names": [d["image"].rsplit(":", 1)[0] + "@sha256:" + d["digest"], d["image"]], "sizeBytes": 50000000 + int(d["digest"][:6], 16) * 40}
              for d in deps_on_node[:50] if not d["pull"]]
    spec = {"podCIDR": cidr, "podCIDRs": [cidr]}
    if down:
        spec["taints"] = [{"effect": e, "key": "node.kubernetes.io/unreachable", "timeAdded": ts(NOW - 560)} for e in ("NoSchedule", "NoExecute")]
    return {"apiVersion": "v1", "kind": "Node",
            "metadata": _meta(None, n["name"], t, n["uid"], str(9000000 + n["i"]),
                              annotations={"kubeadm.alpha.kubernetes.io/cri-socket": "unix:///var/run/containerd/containerd.sock",
                                           "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"},
                              labels={"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                                      "kubernetes.io/hostname": n["name"], "kubernetes.io/os": "linux",
                                      "node.kubernetes.io/instance-type": "m6i.4xlarge", "topology.kubernetes.io/zone": zone}),
            "spec": spec,
            "status": {"addresses": [{"address": n["ip"], "type": "InternalIP"}, {"address": n["name"], "type": "Hostname"}],
                       "allocatable": dict(cap, cpu="15800m", memory="64915128Ki", **{"ephemeral-storage": "187136698965"}),
                       "capacity": cap, "conditions": conds, "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}}, "images": images,
                       "nodeInfo": {"architecture": "amd64", "bootID": n["boot"], "containerRuntimeVersion": "containerd://1.7.24",
                                    "kernelVersion": "5.15.0-160-generic", "kubeProxyVersion": "v1.29.4", "kubeletVersion": "v1.29.4",
                                    "machineID": n["machine"], "operatingSystem": "linux", "osImage": "Ubuntu 22.04.5 LTS",
                                    "systemUUID": n["uid"]}}}

def namespace_obj(ns, i):
    return {"apiVersion": "v1", "kind": "Namespace",
            "metadata": _meta(None, ns, NOW - 120 * 86400 + i * 600, str(uuid.UUID(int=i * 7919 + 17, version=4)), str(100 + i),
                              labels={"kubernetes.io/metadata.name": ns}),
            "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}

def _event(rng, ns, obj, reason, msg, typ, first, last, count, host, field=None, kind="Pod"):
    inv = {"apiVersion": "v1", "kind": kind, "name": obj["name"], "uid": obj["uid"]}
    if kind == "Pod":
        inv.update(namespace=ns, resourceVersion=obj["rv"])
    if field:
        inv["fieldPath"] = "spec.containers{%s}" % field
    e = {"apiVersion": "v1", "count": count, "eventTime": None, "firstTimestamp": ts(first), "involvedObject": inv, "kind": "Event",
         "lastTimestamp": ts(last), "message": msg, "reason": reason, "reportingComponent": "kubelet" if host else "node-controller",
         "reportingInstance": host or "", "source": {"component": "kubelet", "host": host} if host else {"component": "node-controller"},
         "type": typ, "metadata": _meta(ns, "%s.%x" % (obj["name"], first * NS + rng.getrandbits(29)), first, ruid(rng),
                                        str(rng.randint(100000, 9000000)))}
    if reason == "Scheduled":
        e.update(action="Binding", eventTime=ts(first)[:-1] + ".%06dZ" % rng.randrange(10**6), firstTimestamp=None, lastTimestamp=None,
                 reportingComponent="default-scheduler", reportingInstance="default-scheduler-cp-01", source={})
        del e["count"]
    return e

def pod_events(a, p):
    rng = random.Random("events:%d:%s" % (a.seed, p["uid"]))
    d, host, t, out = p["dep"], p["node"]["name"], p["start"], []
    for i in range(a.events_per_pod):
        c = p["cs"][i // 4 % len(p["cs"])]
        img = d["image"] if c["name"] == d["cname"] else ENVOY
        reason, msg = (("Scheduled", "Successfully assigned %s/%s to %s" % (d["ns"], p["name"], host)),
                       ("Pulled", 'Container image "%s" already present on machine' % img),
                       ("Created", "Created container " + c["name"]), ("Started", "Started container " + c["name"]))[i % 4]
        out.append(_event(rng, d["ns"], p, reason, msg, "Normal", t + i, t + i, 1, host, None if i % 4 == 0 else c["name"]))
    c = p["cs"][0]
    if c["state"] == "crash":
        out.append(_event(rng, d["ns"], p, "BackOff", "Back-off restarting failed container %s in pod %s_%s(%s)" % (c["name"], p["name"], d["ns"], p["uid"]),
                          "Warning", c["last"][3] - c["restarts"] * 300, NOW - rng.randint(5, 60), c["restarts"] * 4, host, c["name"]))
    elif c["state"] == "pull":
        n = (NOW - t) // 300
        for reason, msg, typ in (("Pulling", 'Pulling image "%s"' % BAD_IMAGE, "Normal"),
                                 ("Failed", 'Failed to pull image "{0}": rpc error: code = NotFound desc = failed to pull and unpack image "{0}": failed to resolve reference "{0}": {0}: not found'.format(BAD_IMAGE), "Warning"),
                                 ("Failed", "Error: ErrImagePull", "Warning"),
                                 ("BackOff", 'Back-off pulling image "%s"' % BAD_IMAGE, "Normal"), ("Failed", "Error: ImagePullBackOff", "Warning")):
            out.append(_event(rng, d["ns"], p, reason, msg, typ, t + 2, NOW - rng.randint(5, 200), n * (12 if reason == "BackOff" else 1), host, c["name"]))
    if p["node"]["down"]:
        out.append(_event(rng, d["ns"], p, "NodeNotReady", "Node is not ready", "Warning", NOW - 560, NOW - 560, 1, None))
    return out

# ---------------------------------------------------------------------------------------------
# Text files: container logs (precomputed line bodies cycled under increasing timestamps),
# kubelet and containerd journals, host facts.

PATHS = ("/api/v1/orders", "/api/v1/orders/{i}", "/api/v1/cart/{i}/items", "/api/v1/products?page={n}", "/api/v1/products/{i}",
         "/api/v1/users/{i}", "/api/v1/search?q=shoes&page={n}", "/api/v2/payments/{i}", "/api/v1/inventory/{i}/stock", "/metrics")
STATUS = (200,) * 14 + (201, 204, 304, 400, 404, 404, 409, 500, 503)
GO_DNS = ('level=error msg="upstream request failed" upstream=inventory err="Get \\"http://inventory.%s.svc.cluster.local:8080/api/v1/stock\\": '
          'dial tcp: lookup inventory.%s.svc.cluster.local on 10.96.0.10:53: dial tcp 10.96.0.10:53: i/o timeout"')
PANIC = ("panic: runtime error: invalid memory address or nil pointer dereference",
         "[signal SIGSEGV: segmentation violation code=0x1 addr=0x28 pc=0x9c4f12]", "", "goroutine 1873 [running]:",
         "github.com/example/{app}/internal/handler.(*Handler).Get(0xc0001a6000, {0xe2c1a8, 0xc000512380}, 0xc0004f2a00)",
         "\t/src/internal/handler/handler.go:88 +0x112", "net/http.HandlerFunc.ServeHTTP(0xc0002b4d80?, {0xe2c1a8?, 0xc000512380?}, 0xc0002e7a40?)",
         "\t/usr/local/go/src/net/http/server.go:2166 +0x29", "net/http.(*conn).serve(0xc0003e2240, {0xe2d5b8, 0xc00038c8a0})",
         "\t/usr/local/go/src/net/http/server.go:2039 +0x5e8", "created by net/http.(*Server).Serve in goroutine 1",
         "\t/usr/local/go/src/net/http/server.go:3285 +0x4b4")
OOM = ("ERROR 1 --- [nio-8080-exec-4] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] threw exception",
       "java.lang.OutOfMemoryError: Java heap space", "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)",
       "\tat java.base/java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:228)",
       "\tat com.example.{app}.report.ReportService.render(ReportService.java:142)",
       "Terminating due to java.lang.OutOfMemoryError: Java heap space")
ENDS = {"java": (("ERROR 1 --- [           main] o.s.boot.SpringApplication               : Application run failed",
                  "org.springframework.jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection; nested exception is java.net.ConnectException: Connection refused"),
                 (" INFO 1 --- [ionShutdownHook] o.s.b.w.e.tomcat.GracefulShutdown        : Graceful shutdown complete",)),
        "go": (('level=fatal msg="cannot start" err="dial tcp 10.96.14.2:5432: connect: connection refused"',),
               ('level=info msg="shutting down" signal=terminated', 'level=info msg="server stopped"')),
        "node": (("Error: connect ECONNREFUSED 10.96.14.2:5432", "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)"),
                 ('{"level":30,"pid":1,"msg":"SIGTERM received, closing server"}',)),
        "python": (("sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at \"10.96.14.2\", port 5432 failed: Connection refused",),
                   ("INFO:     Shutting down", "INFO:     Finished server process [1]")),
        "envoy": (("[critical][main] error initializing configuration '/etc/envoy/envoy.yaml': cluster 'backend' has no endpoints",),
                  ("[warning][main] caught ENVOY_SIGTERM", "[info][main] exiting"))}

def make_pools(seed, n=1500):
    rng = random.Random("pools:%d" % seed)
    pools = {s: [] for s in ENDS}
    for _ in range(n):
        m = rng.choice(("GET",) * 6 + ("POST", "POST", "PUT", "DELETE"))
        path = rng.choice(PATHS).format(i=rng.randint(1000, 99999), n=rng.randint(1, 40))
        st, size, ms, rq = rng.choice(STATUS), rng.randint(80, 48000), rng.randint(1, 900), rhex(rng, 16)
        ip, th, cu = "10.%d.%d.%d" % (64 + rng.randint(0, 1), rng.randint(0, 255), rng.randint(2, 254)), rng.randint(1, 10), rng.randint(100, 99999)
        pools["java"].append(rng.choice((
            " INFO 1 --- [nio-8080-exec-%d] c.e.app.web.RequestLoggingFilter         : %s %s -> %d in %d ms [requestId=%s]" % (th, m, path, st, ms, rq),
            " INFO 1 --- [nio-8080-exec-%d] c.e.app.service.OrderService             : Created order %d for customer %d, total=%d.%02d EUR" % (th, size, cu, ms, th),
            "DEBUG 1 --- [   scheduling-1] c.e.app.cache.CacheRefresher             : Refreshed %d entries in %d ms" % (size, ms),
            " WARN 1 --- [nio-8080-exec-%d] c.e.app.client.PricingClient             : Slow response from pricing-api: %d ms (threshold 500 ms)" % (th, ms + 500),
            " INFO 1 --- [nio-8080-exec-%d] o.hibernate.SQL                          : select o1_0.id,o1_0.customer_id,o1_0.status from orders o1_0 where o1_0.id=?" % th)))
        pools["go"].append(rng.choice((
            'level=info msg="request handled" method=%s path="%s" status=%d duration=%d.%03dms bytes=%d request_id=%s' % (m, path, st, ms, th, size, rq),
            '{"level":"info","logger":"http","msg":"request completed","method":"%s","path":"%s","status":%d,"duration_ms":%d,"remote":"%s:%d"}' % (m, path, st, ms, ip, cu),
            'level=debug msg="cache refreshed" entries=%d took=%dms' % (size, ms),
            '{"level":"warn","logger":"worker","msg":"retrying job","job_id":"%s","attempt":%d,"error":"context deadline exceeded"}' % (rq, th))))
        pools["node"].append(rng.choice((
            "%s %s %d %d.%03d ms - %d" % (m, path, st, ms, th, size),
            '{"level":30,"pid":1,"req":{"id":"%s","method":"%s","url":"%s","remoteAddress":"%s"},"res":{"statusCode":%d},"responseTime":%d,"msg":"request completed"}' % (rq, m, path, ip, st, ms))))
        pools["python"].append(rng.choice((
            'INFO:     %s:%d - "%s %s HTTP/1.1" %d' % (ip, cu, m, path, st),
            "INFO:app.orders:created order %d for customer %d" % (size, cu),
            "WARNING:app.clients.pricing:slow upstream response from pricing-api: %d ms" % (ms + 500))))
        pools["envoy"].append('{"authority":"%s","bytes_received":%d,"bytes_sent":%d,"duration":%d,"method":"%s","path":"%s","protocol":"HTTP/1.1","response_code":%d,"response_flags":"-","upstream_host":"127.0.0.1:8080","x_request_id":"%s"}'
                              % ("api.example.com", rng.randint(0, 900), size, ms, m, path, st, rq))
    return pools

_SEC = {}
JIT = [random.Random(7).randrange(1 << 15) for _ in range(4096)]

def stamp_lines(bodies, t0_ns, dt, out):
    sec = _SEC
    for i, b in enumerate(bodies):
        s, f = divmod(t0_ns + i * dt + (JIT[i & 4095] * dt >> 16), NS)
        p = sec.get(s) or sec.setdefault(s, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s)))
        out.append("%s.%sZ %s\n" % (p, ("%09d" % (f or 1)).rstrip("0"), b))

def log_text(a, pools, p, c, previous):
    rng = random.Random("log:%d:%s:%s:%d" % (a.seed, p["uid"], c["name"], previous))
    pool, app, ns = pools[c["style"]], p["dep"]["name"], p["dep"]["ns"]
    nbytes, end = c["bytes"], ()
    if c["state"] == "crash":            # the current log is the last (OOM-killed) run, the previous one the run before
        t0, t1, end = c["last"][2], c["last"][3], OOM
        if previous:
            t0, t1, nbytes = t0 - 330, t0 - 180, nbytes * 3 // 10
    elif previous:
        t0, t1, nbytes = c["last"][2], c["last"][3], nbytes * 3 // 10
        end = PANIC if c["prev"] == "panic" else ENDS[c["style"]][c["last"][1] == 143]
    else:
        t0, t1 = c["run"], NOW - rng.randint(1, 20)
    n = max(1, nbytes // (sum(map(len, pool[:50])) // 50 + 32))
    k = rng.randrange(len(pool))
    bodies = (pool[k:] + pool[:k]) * (n // len(pool) + 1)
    del bodies[n:]
    if c["dns"] and not previous:
        for i in rng.sample(range(n), min(n, rng.randint(1, 5))):
            bodies[i] = GO_DNS % (ns, ns)
    out = []
    stamp_lines(bodies, t0 * NS, max(1, (t1 - t0) * NS // n), out)
    stamp_lines([e.replace("{app}", app) for e in end], t1 * NS + 1234567, 98765, out)
    return "".join(out)

SWAP_ERR = (r'"command failed" err="failed to run Kubelet: running with swap on is not supported, please disable swap! or set '
            r'--fail-swap-on flag to false. /proc/swaps contained: [Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority '
            r'/swap.img  file\t\t2097148\t\t0\t\t-2]"')
KSTART = ("Flag --container-runtime-endpoint has been deprecated, This parameter should be set via the config file specified by the Kubelet's --config flag. See https://kubernetes.io/docs/tasks/administer-cluster/kubelet-config-file/ for more information.",
          ("I", "server.go:487", '"Kubelet version" kubeletVersion="v1.29.4"'),
          ("I", "server.go:919", '"Client rotation is on, will bootstrap in background"'),
          ("I", "dynamic_cafile_content.go:157", '"Starting controller" name="client-ca-bundle::/etc/kubernetes/pki/ca.crt"'))

def _journal(node, lines):
    """lines: (t_ns, proc, pid, klog-tuple-or-text); returns `journalctl -o short-iso` text."""
    out = []
    for t, proc, pid, m in lines:
        s = t // NS
        if proc is None:
            out.append(m + "\n")
            continue
        if not isinstance(m, str):
            g = time.gmtime(s)
            m = "%s%02d%02d %02d:%02d:%02d.%06d %7d %s] %s" % (m[0], g.tm_mon, g.tm_mday, g.tm_hour, g.tm_min, g.tm_sec,
                                                             t % NS // 1000, pid, m[1], m[2])
        out.append("%s %s %s[%d]: %s\n" % (time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(s)), node["name"], proc, pid, m))
    return "".join(out)

def kubelet_journal(a, n):
    rng, ev, pid = random.Random("kubelet:%d:%s" % (a.seed, n["name"])), [], n["kpid"]
    for p in n["pods"]:
        pod, c0, uid = "%s/%s" % (p["dep"]["ns"], p["name"]), p["cs"][0], p["uid"]
        for _ in range(rng.randint(2, 6)):
            r, t = rng.random(), (NOW - 3600) * NS + rng.randrange(3600 * NS)
            ev.append((t, "kubelet", pid, ("I", "kubelet.go:2400", '"SyncLoop UPDATE" source="api" pods=["%s"]' % pod) if r < 0.5 else
                       ("I", "kubelet.go:2431", '"SyncLoop (PLEG): event for pod" pod="%s" event={"ID":"%s","Type":"ContainerStarted","Data":"%s"}' % (pod, uid, rhex(rng))) if r < 0.8 else
                       ("I", "operation_generator.go:721", r'"MountVolume.SetUp succeeded for volume \"kube-api-access-%s\" (UniqueName: \"kubernetes.io/projected/%s-kube-api-access-%s\") pod \"%s\" (UID: \"%s\") " pod="%s"' % (p["tok"], uid, p["tok"], p["name"], uid, pod)) if r < 0.96 else
                       ("I", "prober.go:107", r'"Probe failed" probeType="Readiness" pod="%s" podUID="%s" containerName="%s" probeResult="failure" output="Get \"http://%s:%d/readyz\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"' % (pod, uid, c0["name"], p["ip"], p["dep"]["port"]))))
        if c0["state"] != "run":
            err = (r'failed to \"StartContainer\" for \"%s\" with CrashLoopBackOff: \"back-off 5m0s restarting failed container=%s pod=%s_%s(%s)\"' % (c0["name"], c0["name"], p["name"], p["dep"]["ns"], uid)
                   if c0["state"] == "crash" else r'failed to \"StartContainer\" for \"%s\" with ImagePullBackOff: \"Back-off pulling image \\\"%s\\\"\"' % (c0["name"], BAD_IMAGE))
            t = (NOW - 3600) * NS
            while t < NOW * NS:
                t += rng.randint(10, 40) * NS + rng.randrange(NS)
                ev.append((t, "kubelet", pid, ("E", "pod_workers.go:1298", '"Error syncing pod, skipping" err="%s" pod="%s" podUID="%s"' % (err, pod, uid))))
    ev = sorted((e for e in ev if e[0] < (NOW - 608 if n["down"] else NOW) * NS), key=lambda e: e[0])
    if n["down"]:                          # rebooted with swap on: kubelet restarts every 10 s and fails
        t = (NOW - 608) * NS + 123456789
        ev += [(t, "systemd", 1, "Stopping kubelet: The Kubernetes Node Agent..."),
               (t + 50000000, "kubelet", pid, ("I", "dynamic_cafile_content.go:171", '"Shutting down controller" name="client-ca-bundle::/etc/kubernetes/pki/ca.crt"')),
               (t + 90000000, "systemd", 1, "kubelet.service: Deactivated successfully."), (t + 90000000, "systemd", 1, "Stopped kubelet: The Kubernetes Node Agent."),
               (0, None, 0, "-- Boot %s --" % n["boot"].replace("-", ""))]
        for k in range(56, -1, -1):
            t0, kp = (NOW - 2 - 10 * k) * NS, 1234 - 8 * k
            if k < 56:
                ev += [(t0 - 180000000, "systemd", 1, "kubelet.service: Scheduled restart job, restart counter is at %d." % (56 - k)),
                       (t0 - 170000000, "systemd", 1, "Stopped kubelet: The Kubernetes Node Agent.")]
            ev.append((t0 - 160000000, "systemd", 1, "Started kubelet: The Kubernetes Node Agent."))
            ev += [(t0 - 120000000 + j * 3000000, "kubelet", kp, m) for j, m in enumerate(KSTART)]
            ev += [(t0 + (123456000 if k == 0 else rng.randrange(100000000, 125000000)), "kubelet", kp, ("E", "run.go:74", SWAP_ERR)),
                   (t0 + 130000000, "systemd", 1, "kubelet.service: Main process exited, code=exited, status=1/FAILURE"),
                   (t0 + 130000000, "systemd", 1, "kubelet.service: Failed with result 'exit-code'.")]
    return _journal(n, ev)

def containerd_journal(a, n):
    rng, ev, pid = random.Random("containerd:%d:%s" % (a.seed, n["name"])), [], n["cpid"]
    def msg(t, level, m):
        ev.append((t, "containerd", pid, 'time="%s.%09dZ" level=%s msg="%s"' % (time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t // NS)), t % NS, level, m)))
    for p in n["pods"]:
        for c in p["cs"]:
            if c["state"] == "crash":
                for k in range(min(c["restarts"], 12)):
                    t = (c["last"][3] - 300 * k) * NS + rng.randrange(NS)
                    msg(t - 60 * NS, "info", r'StartContainer for \"%s\" returns successfully' % c["cid"])
                    msg(t, "info", r'TaskExit event in podsandbox handler container_id:\"%s\" id:\"%s\" pid:%d exit_status:137 exited_at:{seconds:%d nanos:%d}' % (c["cid"], c["cid"], rng.randint(2000, 99999), t // NS, t % NS))
            elif c["state"] == "pull":
                for t in range((NOW - 3600) * NS, NOW * NS, 300 * NS):
                    t += rng.randrange(300 * NS)
                    msg(t, "info", r'PullImage \"%s\"' % BAD_IMAGE)
                    msg(t + 412000000, "error", r'PullImage \"{0}\" failed" error="rpc error: code = NotFound desc = failed to pull and unpack image \"{0}\": failed to resolve reference \"{0}\": {0}: not found'.format(BAD_IMAGE))
            elif c["run"] >= NOW - 3600:
                msg(c["run"] * NS + rng.randrange(NS), "info", r'StartContainer for \"%s\" returns successfully' % c["cid"])
    for t in range((NOW - 3600) * NS, NOW * NS, 300 * NS):
        msg(t + rng.randrange(NS), "info", "garbage collection completed" if rng.random() < 0.5 else "cleaning up dead shim")
    ev = sorted((e for e in ev if e[0] < (NOW - 608 if n["down"] else NOW) * NS), key=lambda e: e[0])
    if n["down"]:
        ev.append((0, None, 0, "-- Boot %s --" % n["boot"].replace("-", "")))
        msg((NOW - 575) * NS + 1000, "info", "starting containerd revision=88bf19b2105c8b17560993bee28a01ddc2f97182 version=1.7.24")
        msg((NOW - 575) * NS + 52341000, "info", "containerd successfully booted in 0.052341s")
    return _journal(n, ev)

def host_files(n):
    rng = random.Random(n["uid"])
    swap = "$ swapon --show\n%s\n$ cat /proc/swaps\nFilename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n%s" % (
        ("NAME      TYPE SIZE USED PRIO\n/swap.img file   2G   0B   -2\n", "/swap.img                               file\t\t2097148\t\t0\t\t-2\n")
        if n["down"] else ("", ""))
    used = 1200 if n["down"] else 20000 + 90 * len(n["pods"]) + rng.randint(0, 3000)
    free = ("               total        used        free      shared  buff/cache   available\n"
            "Mem:           64299 %11d %11d %11d %11d %11d\nSwap: %14d %11d %11d\n" % (
                used, 64299 - used - 9000, 12, 9000, 64299 - used, 2047 if n["down"] else 0, 0, 2047 if n["down"] else 0))
    row = "%-34s%5s %5s %5s %4s %s\n"
    df = [row % ("Filesystem", "Size", "Used", "Avail", "Use%", "Mounted on"), row % ("tmpfs", "6.3G", "4.1M", "6.3G", "1%", "/run"),
          row % ("/dev/nvme0n1p1", "194G", "61G", "133G", "32%", "/"), row % ("tmpfs", "32G", "0", "32G", "0%", "/dev/shm"),
          row % ("/dev/nvme0n1p15", "105M", "6.1M", "99M", "6%", "/boot/efi")]
    for p in ([] if n["down"] else n["pods"]):
        df.append(row % ("tmpfs", "512M", "12K", "512M", "1%", "/var/lib/kubelet/pods/%s/volumes/kubernetes.io~projected/kube-api-access-%s" % (p["uid"], p["tok"])))
        df.append(row % ("shm", "64M", "0", "64M", "0%", "/run/containerd/io.containerd.grpc.v1.cri/sandboxes/%s/shm" % rhex(rng)))
        df += [row % ("overlay", "194G", "61G", "133G", "32%", "/run/containerd/io.containerd.runtime.v2.task/k8s.io/%s/rootfs" % c["cid"])
               for c in p["cs"] if c["state"] == "run"]
    return {"swap.txt": swap, "free.txt": free, "df.txt": "".join(df)}

# ---------------------------------------------------------------------------------------------
# The bundle: every file with the command that "collected" it, written in sorted path order.

SWAP_CMD = ["sh", "-c", "echo '$ swapon --show'; swapon --show; echo; echo '$ cat /proc/swaps'; cat /proc/swaps"]

def plan(a):
    """Returns (files: {path: producer}, commands: [manifest entries])."""
    nss, nodes, deps, pods = build_model(a)
    pools, ext = make_pools(a.seed), a.format
    doc = yaml_list_doc if ext == "yaml" else json_list_doc
    key = lambda o: (o["metadata"].get("namespace", ""), o["metadata"]["name"])
    pods.sort(key=lambda p: (p["dep"]["ns"], p["name"]))
    def workloads(i):
        objs = [o for d in deps for o in ([workload_objs(d)[i]] if i != 1 else workload_objs(d)[1])]
        if i >= 2:
            meta = _meta("default", "kubernetes", NOW - 120 * 86400, str(uuid.UUID(int=i, version=4)), "200",
                         labels={"component": "apiserver", "provider": "kubernetes"})
            objs.append({"apiVersion": "v1", "kind": "Service", "metadata": meta, "status": {"loadBalancer": {}},
                         "spec": {"clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"], "internalTrafficPolicy": "Cluster",
                                  "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack", "sessionAffinity": "None", "type": "ClusterIP",
                                  "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}]}}
                        if i == 2 else {"apiVersion": "v1", "kind": "Endpoints", "metadata": meta, "subsets": [
                            {"addresses": [{"ip": "10.0.0.2"}], "ports": [{"name": "https", "port": 6443, "protocol": "TCP"}]}]})
        return doc(sorted(objs, key=key))
    def events():
        evs = [e for p in pods for e in pod_events(a, p)]
        for n in nodes:
            if n["down"]:
                evs.append(_event(random.Random(n["uid"]), "default", n, "NodeNotReady", "Node %s status is now: NodeNotReady" % n["name"],
                                  "Normal", NOW - 560, NOW - 560, 1, None, kind="Node"))
        return doc(sorted(evs, key=key))
    def node_doc():
        on = {n["name"]: {} for n in nodes}
        for p in pods:
            on[p["node"]["name"]][p["dep"]["name"] + p["dep"]["ns"]] = p["dep"]
        return doc(node_obj(n, list(on[n["name"]].values())) for n in nodes)
    allns = sorted(["default", "kube-node-lease", "kube-public", "kube-system"] + nss)
    res = {"pods": lambda: doc(pod_obj(p) for p in pods), "nodes": node_doc, "events": events,
           "deployments.apps": lambda: workloads(0), "replicasets.apps": lambda: workloads(1), "services": lambda: workloads(2),
           "endpoints": lambda: workloads(3), "namespaces": lambda: doc(namespace_obj(ns, i) for i, ns in enumerate(allns))}
    files, cmds = {}, {}
    def add(path, producer, argv, fail=None):
        r = random.Random(path)
        cmds[path] = {"argv": argv, "exit_code": 1 if fail else 0, "duration_ms": r.randint(20, 400), "stderr": fail or "",
                      "output": None if fail else path, "truncated": False}
        if not fail:
            files[path] = producer
    for r, prod in sorted(res.items()):
        add("resources/%s.%s" % (r, ext), prod, ["kubectl", "get", r, "-A", "-o", ext])
    for p in pods:
        for c in p["cs"]:
            base = "logs/%s/%s/%s" % (p["dep"]["ns"], p["name"], c["name"])
            argv = ["kubectl", "logs", "--namespace", p["dep"]["ns"], p["name"], "--container", c["name"], "--timestamps"]
            fail = ('Error from server (BadRequest): container "%s" in pod "%s" is waiting to start: trying and failing to pull image\n'
                    % (c["name"], p["name"])) if c["state"] == "pull" else None
            add(base + ".log", lambda p=p, c=c: log_text(a, pools, p, c, False), argv, fail)
            if c["prev"]:
                add(base + ".previous.log", lambda p=p, c=c: log_text(a, pools, p, c, True), argv + ["--previous"])
    for n in nodes:
        d = "nodes/%s/" % n["name"]
        for unit, fn in (("kubelet", kubelet_journal), ("containerd", containerd_journal)):
            add(d + "journal/%s.log" % unit, lambda n=n, fn=fn: fn(a, n),
                ["journalctl", "-u", unit, "-o", "short-iso", "--no-pager", "--since", "-1h"])
        for name, argv in (("df.txt", ["df", "-h"]), ("free.txt", ["free", "-m"]), ("swap.txt", SWAP_CMD)):
            add(d + "host/" + name, lambda n=n, name=name: host_files(n)[name], argv)
    order = sorted(cmds, key=lambda k: ({"r": 0, "l": 1}.get(k[0], 2), k))
    return files, [cmds[k] for k in order]

def manifest(commands):
    head = {"format": "kubesift-bundle/v1", "collector": {"name": "kubesift-bench-gen", "version": "1.0.0"},
            "started": "2026-11-28T09:59:00Z", "finished": "2026-11-28T10:00:00Z",
            "kubectl": {"client": "v1.32.4", "server": "v1.29.4"}, "context": "bench", "namespaces": []}
    lines = ['  "%s": %s,' % (k, json.dumps(v)) for k, v in head.items()]
    return ("{\n" + "\n".join(lines) + '\n  "commands": [\n' + ",\n".join("    " + json.dumps(c) for c in commands) +
            '\n  ],\n  "redactions": {}\n}\n')

def write_bundle(a, files, commands):
    names = dict(files, **{"manifest.json": lambda: manifest(commands)})
    dirs = {"/".join(k.split("/")[:i]) + "/" for k in names for i in range(1, k.count("/") + 1)}
    order = sorted([TOP + "/"] + [TOP + "/" + d for d in dirs] + [TOP + "/" + k for k in names])
    nfiles = nbytes = 0
    tar = proc = None
    if a.compress == "none":
        if os.path.exists(os.path.join(a.out, TOP)):
            sys.exit("gen_bundle: %s already exists; remove it first" % os.path.join(a.out, TOP))
    elif a.compress == "gz":
        tar = tarfile.open(a.out, "w|gz", bufsize=1 << 20)
    else:
        if os.path.exists(a.out):
            os.remove(a.out)
        proc = subprocess.Popen(["zstd", "-T2", "-3", "-q", "-o", a.out], stdin=subprocess.PIPE)
        tar = tarfile.open(fileobj=proc.stdin, mode="w|", bufsize=1 << 20)
    for name in order:
        if name.endswith("/"):
            if tar:
                ti = tarfile.TarInfo(name.rstrip("/"))
                ti.type, ti.mode, ti.mtime, ti.uname, ti.gname = tarfile.DIRTYPE, 0o755, TAR_MTIME, "root", "root"
                tar.addfile(ti)
            else:
                os.makedirs(os.path.join(a.out, name), exist_ok=True)
            continue
        data = names[name[len(TOP) + 1:]]().encode()
        nfiles, nbytes = nfiles + 1, nbytes + len(data)
        if tar:
            ti = tarfile.TarInfo(name)
            ti.size, ti.mode, ti.mtime, ti.uname, ti.gname = len(data), 0o644, TAR_MTIME, "root", "root"
            tar.addfile(ti, io.BytesIO(data))
        else:
            with open(os.path.join(a.out, name), "wb") as f:
                f.write(data)
    if tar:
        tar.close()
    if proc:
        proc.stdin.close()
        if proc.wait():
            sys.exit("gen_bundle: zstd failed with exit code %d" % proc.returncode)
    if a.compress == "gz":                # tarfile stamps the gzip header with the current time
        with open(a.out, "r+b") as f:
            f.seek(4)
            f.write(struct.pack("<L", TAR_MTIME))
    return nfiles, nbytes

def main():
    ap = argparse.ArgumentParser(description="Generate a large synthetic kubesift bundle (layout v1) for benchmarks.")
    ap.add_argument("--out", required=True, help="directory (--compress none) or archive path")
    for opt, default in (("pods", 5000), ("namespaces", 50), ("nodes", 20), ("events-per-pod", 3),
                         ("log-bytes-per-pod", 220000), ("seed", 1)):
        ap.add_argument("--" + opt, type=int, default=default, help="default %d" % default)
    ap.add_argument("--format", choices=("yaml", "json"), default="yaml")
    ap.add_argument("--compress", choices=("none", "gz", "zst"), default="none")
    a = ap.parse_args()
    if min(a.pods, a.namespaces, a.nodes) < 1 or min(a.events_per_pod, a.log_bytes_per_pod) < 0:
        ap.error("--pods, --namespaces and --nodes must be at least 1; the others not negative")
    t = time.time()
    nfiles, nbytes = write_bundle(a, *plan(a))
    print("gen_bundle: %d files, %d raw bytes, %s, %.1f s" % (nfiles, nbytes, a.out, time.time() - t), file=sys.stderr)

if __name__ == "__main__":
    main()
