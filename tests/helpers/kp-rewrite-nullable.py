#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Copies an OpenAPI 3.0 document (YAML) to JSON that Prism can validate with.

The ZGW documents put `nullable: true` beside `allOf`/`$ref` without a
`type`. Prism's validator cannot compile such a schema and then lets every
request through unchecked (../shared/specs/README.md). Each such schema
becomes {"anyOf": [<the schema without nullable>, {"type": "null"}]}, which
means the same and does compile.

    kp-rewrite-nullable.py SPEC.yaml OUT.json
"""

import json
import sys

import yaml


def rewrite(node):
    """Rewrites @node and everything below it; returns how many schemas changed."""
    changed = 0
    if isinstance(node, list):
        for element in node:
            changed += rewrite(element)
    elif isinstance(node, dict):
        for value in node.values():
            changed += rewrite(value)
        if node.get("nullable") is True and "type" not in node:
            schema = {key: value for key, value in node.items() if key != "nullable"}
            node.clear()
            node["anyOf"] = [schema, {"type": "null"}]
            changed += 1
    return changed


def main(argv):
    if len(argv) != 3:
        sys.exit("usage: kp-rewrite-nullable.py SPEC.yaml OUT.json")
    with open(argv[1], encoding="utf-8") as source:
        document = yaml.safe_load(source)
    changed = rewrite(document)
    with open(argv[2], "w", encoding="utf-8") as target:
        # Dates in examples come out of YAML as dates; JSON wants text.
        json.dump(document, target, default=str)
    print(f"{argv[1]}: {changed} nullable schemas rewritten")


if __name__ == "__main__":
    main(sys.argv)
