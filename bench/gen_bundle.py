#!/usr/bin/env python3
"""Deterministic generator of large synthetic support bundles in layout v1 (docs/bundle-format.md).

  python3 bench/gen_bundle.py --out PATH [--pods 5000] [--namespaces 50] [--nodes 20]
      [--events-per-pod 3] [--log-bytes-per-pod 220000] [--seed 1] [--format yaml|json]
      [--compress none|gz|zst]

Same arguments, same bytes. Python 3 standard library only (plus the zstd binary for --compress zst).
"""
import argparse, functools, io, json, os, random, re, subprocess, sys, tarfile, time, uuid

TOP = "kubesift-bench-20261128T100000Z"
TAR_MTIME = 1764324000
NOW = 1795860000                      # 2026-11-28T10:00:00Z, the collection time
NS = 10**9

# ---------------------------------------------------------------------------------------------
# YAML emitter in kubectl's style (go-yaml v2 behind sigs.k8s.io/yaml): keys in go-yaml order,
# 2-space indent, indentless sequences, strings that would resolve to something else quoted,
# plain scalars and single-quoted strings folded at 80 columns, multi-line strings as literals.

def _go_key_less(a, b):
    """go-yaml v2 keyList.Less for two string keys: non-letters before letters, digit runs numeric."""
    for i in range(min(len(a), len(b))):
        ca, cb = a[i], b[i]
        if ca == cb:
            continue
        al, bl = ca.isalpha(), cb.isalpha()
        if al and bl:
            return ca < cb
        if al or bl:
            return bl
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and a[j].isdigit():
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdigit():
            an = an * 10 + ord(a[ai]) - 48
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdigit():
            bn = bn * 10 + ord(b[bi]) - 48
            bi += 1
        if an != bn:
            return an < bn
        if ai != bi:
            return ai < bi
        return ca < cb
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
    """Write s starting at column col, breaking at single spaces once past column 80."""
    out, spaces, n = [], False, len(s)
    for i, ch in enumerate(s):
        if ch == " ":
            if (not spaces and col > 80 and (i + 1 < n and s[i + 1] != " ")
                    and (not quoted or 0 < i < n - 1)):
                out.append("\n" + cont)
                col = len(cont)
            else:
                out.append(" ")
                col += 1
            spaces = True
        else:
            out.append("''" if ch == "'" and quoted else ch)
            col += 2 if ch == "'" and quoted else 1
            spaces = False
    return "".join(out)

def yscalar(v, col, cont):
    """A scalar as it follows 'key: ' (starting at column col); cont is the continuation indent."""
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
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

def _ykey(k):
    return k if not _non_str(k) and _plain_ok(k) and not _SPECIAL_RE.search(k) else yscalar(k, 0, "")

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
    out = ["apiVersion: v1\n"]
    first = True
    for obj in items:
        if first:
            out.append("items:\n")
            first = False
        ymap(obj, "  ", out, "- ")
    if first:
        out.append("items: []\n")
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

def ts(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))

def rid(rng, n):
    return "".join(rng.choices(SAFE, k=n))

def ruid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))

def rhex(rng, n=64):
    return "%0*x" % (n, rng.getrandbits(4 * n))

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
                 "rv": str(rng.randint(100000, 9000000)), "tok": rid(rng, 5), "cs": []}
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
    rest = [c for c in running if c not in picks]
    for i, c in enumerate(picks + rng.sample(rest, min(len(rest), round(len(running) * 0.021)))):
        reason, code = ("Error", 2) if i < len(picks) else rng.choice((("Error", 1), ("Error", 143)))
        end = rng.randint(c["run"] + 300, max(c["run"] + 301, NOW - 600))
        c["last"], c["prev"], c["restarts"] = (reason, code, c["run"], end), "panic" if code == 2 else "error", rng.randint(1, 3)
        c["run"] = end + rng.randint(1, 4)
    for c in rng.sample(running, min(len(running), max(1, round(nlogs * 0.005)))):
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
                volumeMounts=[{"mountPath": "/etc/app", "name": "config", "readOnly": True}, {"mountPath": "/tmp", "name": "tmp"}])
    cs = [main]
    vols = [{"configMap": {"defaultMode": 420, "name": name + "-config"}, "name": "config"}, {"emptyDir": {}, "name": "tmp"}]
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
              "app.kubernetes.io/part-of": ns, "app.kubernetes.io/version": d["ver"], "team": ns}
    ann = {"checksum/config": d["cfg"], "kubectl.kubernetes.io/restartedAt": ts(d["created"] + 86400),
           "prometheus.io/path": "/metrics", "prometheus.io/port": "9090", "prometheus.io/scrape": "true"}
    spec = {"affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [{
                "podAffinityTerm": {"labelSelector": {"matchLabels": {"app.kubernetes.io/name": name}},
                                    "topologyKey": "kubernetes.io/hostname"}, "weight": 100}]}},
            "containers": cs, "dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
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
                enableServiceLinks=True, nodeName=node["name"], preemptionPolicy="PreemptLowerPriority", priority=0,
                serviceAccount=d["name"], tolerations=TOLERATIONS, volumes=tspec["volumes"] + [{"name": vol, "projected": {
                    "defaultMode": 420, "sources": [{"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                    {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"},
                                                "path": "namespace"}]}}]}}])
    sts, unready = [], []
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
                s["state"] = {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container=%s pod=%s_%s(%s)" % (c["name"], p["name"], d["ns"], p["uid"])}}
            else:
                s = {"image": ct["image"], "imageID": "", "lastState": {}, "name": c["name"], "ready": False, "restartCount": 0,
                     "started": False, "state": {"waiting": {"message": 'Back-off pulling image "%s"' % ct["image"], "reason": "ImagePullBackOff"}}}
        sts.append(s)
    t, msg = p["start"], "containers with unready status: [%s]" % " ".join(unready)
    ready = _cond("Ready", "True", t + 12) if not unready else _cond("Ready", "False", t + 2, "ContainersNotReady", msg)
    if node["down"] and not unready:
        ready = _cond("Ready", "False", NOW - 560)
    status = {"conditions": [_cond("Initialized", "True", t + 1), ready,
                             _cond("ContainersReady", "True", t + 12) if not unready else _cond("ContainersReady", "False", t + 2, "ContainersNotReady", msg),
                             _cond("PodScheduled", "True", t)],
              "containerStatuses": sts, "hostIP": node["ip"], "hostIPs": [{"ip": node["ip"]}],
              "phase": "Pending" if d["pull"] else "Running", "podIP": p["ip"], "podIPs": [{"ip": p["ip"]}],
              "qosClass": "Burstable", "startTime": ts(t)}
    meta = {"annotations": ann, "creationTimestamp": ts(t), "generateName": "%s-%s-" % (d["name"], d["hash"]),
            "labels": dict(labels, **{"pod-template-hash": d["hash"]}), "name": p["name"], "namespace": d["ns"],
            "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True, "kind": "ReplicaSet",
                                 "name": "%s-%s" % (d["name"], d["hash"]), "uid": d["rs_uid"]}],
            "resourceVersion": p["rv"], "uid": p["uid"]}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status}
