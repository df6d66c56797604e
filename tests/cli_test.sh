#!/usr/bin/env bash
# End-to-end tests of the real binary on the shipped fixtures: golden reports, the JSON schema,
# archives made by GNU tar, and the exit codes of DESIGN §6.
# Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
set -u
kubesift=$1
python=/usr/bin/python3
[ -x "$python" ] || python=python3
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect_exit() {  # NAME WANT CMD...
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else bad "$name: exit $got, want $want"; cat "$tmp/err"; fi
}
golden() {  # NAME FILE
  local name=$1 file=$2
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then cp "$file" "tests/golden/$name"; fi
  if diff -u "tests/golden/$name" "$file" >"$tmp/diff"; then ok; else bad "golden $name differs:"; head -60 "$tmp/diff"; fi
}

for bundle in sample healthy-kubeadm seed-swap seed-service seed-rollout seed-statefulset; do
  expect_exit "analyze $bundle" 0 "$kubesift" analyze "fixtures/bundles/$bundle" -o "$tmp/$bundle.md"
  golden "$bundle.md" "$tmp/$bundle.md"
  expect_exit "analyze $bundle json" 0 "$kubesift" analyze "fixtures/bundles/$bundle" --format json -o "$tmp/$bundle.json"
  golden "$bundle.json" "$tmp/$bundle.json"
done
if "$python" tests/validate_report.py docs/report.schema.json "$tmp"/*.json; then ok; else bad "JSON reports do not validate against docs/report.schema.json"; fi

# The case studies: the first finding is the right root cause.
first_rule() { "$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["findings"][0]["rule"])' "$1"; }
for expect in "seed-swap kubelet-swap-enabled" "seed-service image-tag-typo" \
              "seed-rollout deployment-template-changed" "seed-statefulset workload-image-digest-differs"; do
  set -- $expect
  got=$(first_rule "$tmp/$1.json")
  if [ "$got" = "$2" ]; then ok; else bad "$1: first finding is $got, want $2"; fi
done
set -- "$kubesift"

# The same bundle packed by GNU tar (gzip and zstd) reads exactly as the directory does.
tar -C fixtures/bundles/sample -czf "$tmp/sample.tar.gz" .
tar -C fixtures/bundles/sample --zstd -cf "$tmp/sample.tar.zst" .
for archive in sample.tar.gz sample.tar.zst; do
  "$kubesift" analyze "$tmp/$archive" --format json -o "$tmp/$archive.json"
  if "$python" - "$tmp/sample.json" "$tmp/$archive.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
sys.exit(0 if a["findings"] == b["findings"] and a["problems"] == b["problems"] else 1)
PY
  then ok; else bad "$archive: findings differ from the directory's"; fi
done

# Bundles users already have: the real troubleshoot.sh bundles beside the repository (when
# they are there: a clone on its own has none).
corpus=../shared/corpus/external-bundles
if [ -d "$corpus" ]; then
  for b in troubleshoot-k3s-support-bundle troubleshoot-baseline-v0.123; do
    "$kubesift" analyze "$corpus/$b.tar.gz" --format json -o "$tmp/$b.json"
    if "$python" - "$tmp/$b.json" "$b" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ok = r["bundle"]["format"] == "troubleshoot" and r["problems"] == []
if sys.argv[2] == "troubleshoot-k3s-support-bundle":
    ids = {f["id"] for f in r["findings"]}
    ok = ok and {"container-restarted-many-times/Pod/kube-system/local-path-provisioner-7b7dc8d6f5-45btl",
                 "container-restarted-many-times/Pod/kube-system/metrics-server-668d979685-wttxd",
                 "pod-back-off-events/Pod/default/static-hi"} <= ids
sys.exit(0 if ok else 1)
PY
    then ok; else bad "$b: want format troubleshoot, no problems, and its crash loops found"; fi
  done
else
  echo "skipped: $corpus not found (the troubleshoot.sh bundle tests)"
fi

# Exit codes.
expect_exit "--fail-on critical with critical findings" 1 "$kubesift" analyze fixtures/bundles/sample --fail-on critical
expect_exit "--fail-on warning on a healthy bundle" 0 "$kubesift" analyze fixtures/bundles/healthy-kubeadm --fail-on warning
expect_exit "missing bundle" 2 "$kubesift" analyze "$tmp/nope.tar.gz"
if [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "no such file" "$tmp/err"; then ok; else bad "missing bundle: want one clear line on stderr"; cat "$tmp/err"; fi
head -c 5000 /dev/urandom >"$tmp/garbage.tar.gz"
expect_exit "garbage bundle" 2 "$kubesift" analyze "$tmp/garbage.tar.gz"
if grep -q "garbage.tar.gz" "$tmp/err"; then ok; else bad "garbage: stderr should name the file"; fi
expect_exit "unknown flag" 2 "$kubesift" analyze fixtures/bundles/sample --frobnicate
expect_exit "bad --format" 2 "$kubesift" analyze fixtures/bundles/sample --format yaml
expect_exit "--version" 0 "$kubesift" --version
expect_exit "rules list" 0 "$kubesift" rules list
expect_exit "explain a rule" 0 "$kubesift" explain node-not-ready
expect_exit "explain an unknown rule" 2 "$kubesift" explain node-not-redy
if grep -q "did you mean 'node-not-ready'" "$tmp/err"; then ok; else bad "explain: want a suggestion"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
