#!/usr/bin/env python3
"""Writes vigil-app/src/main/resources/lookout/service-model.json: the Amazon Lookout for Equipment
service model (2020-12-15) without its documentation, which the Lookout-compatible endpoint reads to
validate requests and to list the operations it does not support.

The source is the model botocore carries (botocore is Apache-2.0, as is the model); run this with a
Python that has botocore installed, for example after upgrading botocore:

    python3 tools/lookout-service-model.py
"""
import gzip
import json
import os
import sys

import botocore

SOURCE = os.path.join(
    os.path.dirname(botocore.__file__), "data", "lookoutequipment", "2020-12-15", "service-2.json.gz"
)
TARGET = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..",
    "vigil-app",
    "src",
    "main",
    "resources",
    "lookout",
    "service-model.json",
)

SHAPE_KEYS = ("type", "required", "min", "max", "pattern", "enum", "exception", "fault")
MEMBER_KEYS = ("shape", "idempotencyToken")


def trimmed(model):
    operations = {}
    for name, operation in sorted(model["operations"].items()):
        entry = {"input": operation["input"]["shape"]}
        if "output" in operation:
            entry["output"] = operation["output"]["shape"]
        entry["errors"] = [error["shape"] for error in operation.get("errors", [])]
        operations[name] = entry
    shapes = {}
    for name, shape in sorted(model["shapes"].items()):
        entry = {key: shape[key] for key in SHAPE_KEYS if key in shape}
        if "members" in shape:
            entry["members"] = {
                member: {key: spec[key] for key in MEMBER_KEYS if key in spec}
                for member, spec in shape["members"].items()
            }
        if "member" in shape:
            entry["member"] = shape["member"]["shape"]
        shapes[name] = entry
    return {
        "source": "botocore " + botocore.__version__ + " data/lookoutequipment/2020-12-15/service-2.json",
        "metadata": {
            key: model["metadata"][key]
            for key in ("apiVersion", "jsonVersion", "protocol", "targetPrefix", "signatureVersion")
        },
        "operations": operations,
        "shapes": shapes,
    }


def main():
    with gzip.open(SOURCE, "rt", encoding="utf-8") as source:
        model = json.load(source)
    with open(TARGET, "w", encoding="utf-8") as target:
        json.dump(trimmed(model), target, indent=1, sort_keys=False, ensure_ascii=False)
        target.write("\n")
    print("wrote " + os.path.normpath(TARGET), file=sys.stderr)


if __name__ == "__main__":
    main()
