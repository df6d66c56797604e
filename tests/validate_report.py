"""Validates kubesift JSON reports against docs/report.schema.json.

Usage: validate_report.py SCHEMA REPORT...   (exit 1 and the reasons on the first invalid one)
"""
import json
import sys

import jsonschema


def main() -> int:
    schema = json.load(open(sys.argv[1]))
    validator = jsonschema.Draft202012Validator(schema)
    status = 0
    for path in sys.argv[2:]:
        report = json.load(open(path))
        errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
        for error in errors:
            print(f"{path}: {'/'.join(map(str, error.path))}: {error.message}")
            status = 1
        # Contract beyond the schema: ids unique, links resolve.
        ids = [f["id"] for f in report["findings"]]
        if len(ids) != len(set(ids)):
            print(f"{path}: finding ids are not unique")
            status = 1
        by_id = {f["id"]: f for f in report["findings"]}
        for f in report["findings"]:
            for link in f["caused_by"] + f["explains"]:
                if link not in ids:
                    print(f"{path}: {f['id']} links to unknown finding {link}")
                    status = 1
            for other in f["explains"]:
                if other in by_id and f["id"] not in by_id[other]["caused_by"]:
                    print(f"{path}: {f['id']} explains {other} without the reverse link")
                    status = 1
            for other in f["caused_by"]:
                if other in by_id and f["id"] not in by_id[other]["explains"]:
                    print(f"{path}: {f['id']} is caused by {other} without the reverse link")
                    status = 1
        # No cycles: following `explains` from any finding never comes back to it.
        def reaches(start, goal, seen):
            for nxt in by_id[start]["explains"]:
                if nxt == goal or (nxt not in seen and (seen.add(nxt) or reaches(nxt, goal, seen))):
                    return True
            return False
        for f in report["findings"]:
            if reaches(f["id"], f["id"], set()):
                print(f"{path}: {f['id']} is part of a cycle of explanations")
                status = 1
        # Root causes first.
        roots = [not f["caused_by"] for f in report["findings"]]
        if roots != sorted(roots, reverse=True):
            print(f"{path}: a root cause comes after a finding that is not one")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
