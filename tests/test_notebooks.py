"""The notebooks in notebooks/ run top to bottom without errors (executed in memory; the
stored notebooks, with their outputs, are not rewritten).

To re-execute the notebooks and store them with fresh outputs (after retraining the shipped
models, say), run this file as a script from anywhere: ``python tests/test_notebooks.py``.
"""

import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def run_notebook(name: str):
    """Execute notebooks/<name> in memory, with the repository root as working directory."""
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    return nb


def execute(name: str, tmp_path: Path):
    """Execute a copy of notebooks/<name>; check that no cell raised."""
    nb = run_notebook(name)
    nbformat.write(nb, tmp_path / name)  # the executed copy, for inspection when a check fails
    errors = [(i, out.get("ename"), out.get("evalue")) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
              for out in cell.get("outputs", []) if out.get("output_type") == "error"]
    assert not errors, errors
    return nb


def outputs_text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        for mime in ("text/plain", "text/html"):
            parts.append(str(out.get("data", {}).get(mime, "")))
    return "\n".join(parts)


@pytest.mark.slow
def test_quickstart_notebook(tmp_path):
    nb = execute("quickstart.ipynb", tmp_path)
    frame_cells = [c for c in nb.cells if c.cell_type == "code" and "stance.to_frame(" in c.source]
    assert frame_cells, "no cell calls stance.to_frame"
    shown = "\n".join(outputs_text(c) for c in frame_cells)
    # speakers named in full in the article written in the notebook (NATO and Russian)
    for speaker in ("Mark Rutte", "Dmitri Peskow"):
        assert speaker in shown, speaker
    images = [out for c in nb.cells if c.cell_type == "code" for out in c.get("outputs", [])
              if "image/png" in out.get("data", {})]
    assert len(images) >= 2  # the stance map and the sentiment plot


@pytest.mark.slow
def test_training_notebook(tmp_path):
    nb = execute("training.ipynb", tmp_path)
    shown = "\n".join(outputs_text(c) for c in nb.cells if c.cell_type == "code")
    for row in ("retrained here", "shipped fast", "shipped default"):
        assert row in shown, row


if __name__ == "__main__":  # re-execute the notebooks and store them with their outputs
    import time

    for name in sys.argv[1:] or ["quickstart.ipynb", "training.ipynb"]:
        start = time.perf_counter()
        nbformat.write(run_notebook(name), NOTEBOOKS / name)
        print(f"notebooks/{name}: executed and saved in {time.perf_counter() - start:.0f} s")
