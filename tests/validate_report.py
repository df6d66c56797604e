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
        for f in report["findings"]:
            for link in f["caused_by"] + f["explains"]:
                if link not in ids:
                    print(f"{path}: {f['id']} links to unknown finding {link}")
                    status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
