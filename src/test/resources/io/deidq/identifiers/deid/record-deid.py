#!/usr/bin/python3
"""Records what pydicom/deid's get_identifiers returns for the dumps beside this script.

Usage (Debian's python3 with python3-pydicom 2.3.1, python3-dateutil, python3-requests, and for
deid 0.1.x python3-matplotlib; dcmtk's dump2dcm on the PATH):

    git -C <deid clone> archive <commit> | tar -x -C /tmp/deid-<commit>
    /usr/bin/python3 record-deid.py /tmp/deid-<commit> <commit> entity-item|by-file > deid-<commit>.json

entity-item calls get_identifiers(files, entity_id="PatientID", item_id="SOPInstanceUID",
expand_sequences=...), the 2017 signature; by-file calls get_identifiers(files,
expand_sequences=...) of later versions, which key the result by file path (here: file name).

Every value is written as its Python type name and str(), since deid returns pydicom objects
(str, int, float, PersonName, UID, MultiValue, DSfloat, IS) that JSON cannot hold as they are.
This script is ours; deid's code is only imported from the directory given.
"""

import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# The transfer syntax dump2dcm writes each file in; IdentifierExtractorDeidTest builds them the same way.
DUMPS = {"a1.dump": "+te", "a2.dump": "+te", "a3.dump": "+te", "b1.dump": "+ti"}


def build(directory):
    files = []
    for name, syntax in sorted(DUMPS.items()):
        target = os.path.join(directory, name.replace(".dump", ".dcm"))
        subprocess.run(["dump2dcm", "-q", syntax, os.path.join(HERE, name), target], check=True)
        files.append(target)
    return files


def described(value):
    return {"type": type(value).__name__, "str": str(value)}


def main(deid_dir, commit, form):
    # deid before 2018 imports pydicom.tagtools, which pydicom 1.0 renamed pydicom.tag; nothing else differs.
    import pydicom
    import pydicom.tag
    sys.modules.setdefault("pydicom.tagtools", pydicom.tag)
    sys.path.insert(0, deid_dir)
    from deid.dicom import get_identifiers

    with tempfile.TemporaryDirectory() as directory:
        files = build(directory)
        results = {}
        for expand in (True, False):
            if form == "entity-item":
                ids = get_identifiers(files, entity_id="PatientID", item_id="SOPInstanceUID", expand_sequences=expand)
                out = {entity: {item: {k: described(v) for k, v in fields.items()} for item, fields in items.items()}
                       for entity, items in ids.items()}
            else:
                ids = get_identifiers(files, expand_sequences=expand)
                out = {os.path.basename(path): {k: described(v) for k, v in fields.items()} for path, fields in ids.items()}
            results["expand_sequences=%s" % expand] = out

    inputs = {}
    for name, syntax in sorted(DUMPS.items()):
        with open(os.path.join(HERE, name), "rb") as f:
            inputs[name] = {"dump2dcm": syntax, "sha256": hashlib.sha256(f.read()).hexdigest()}
    record = {
        "deid_commit": commit,
        "form": form,
        "pydicom": pydicom.__version__,
        "python": platform.python_version(),
        "inputs": inputs,
        "results": results,
    }
    json.dump(record, sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
