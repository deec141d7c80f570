"""Rewrite expected.json of the given fixture folders from the current extraction.

Review every diff (git diff tests/fixtures) before committing: this records, it does not judge.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fixture_cases import extract_case  # noqa: E402

for folder in map(Path, sys.argv[1:]):
    documents = extract_case(folder)
    text = json.dumps(documents, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (folder / "expected.json").write_text(text, "utf-8")
    print(f"{folder}: {len(documents)} documents")
