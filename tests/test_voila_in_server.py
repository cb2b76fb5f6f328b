"""Voila inside a Jupyter server (Binder's ``urlpath=voila/...``, JupyterLab, a hub) renders a notebook
whose markdown holds an image, with the settings JupyterLab and Binder get from this repository."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import PIL.Image
import pytest

from asm_workshop.cli import jupyter_server_environment
from conftest import ROOT, free_port, stop_process_group

pytestmark = pytest.mark.slow
TOKEN = "test-token"
KERNEL_SAYS = "printed by the kernel"


@pytest.fixture(scope="module")
def picture_folder(tmp_path_factory) -> Path:
    """A folder with one notebook: a markdown cell showing a PNG beside it, then a code cell."""
    folder = tmp_path_factory.mktemp("picture")
    image = io.BytesIO()
    PIL.Image.new("RGB", (8, 8), (0, 128, 0)).save(image, format="PNG")
    (folder / "dot.png").write_bytes(image.getvalue())
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A picture\n\n![a green square](dot.png)"),
        nbformat.v4.new_code_cell(f"print({KERNEL_SAYS!r})"),
    ])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "picture.ipynb")
    return folder


def binder_environment() -> dict[str, str]:
    """The environment Binder's server starts in: what the repository's ``start`` script exports."""
    shown = subprocess.run(
        ["bash", str(ROOT / "start"), sys.executable, "-c",
         "import json, os; print(json.dumps(dict(os.environ)))"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(shown.stdout)


@contextlib.contextmanager
def jupyter_server(folder: Path, environment: dict[str, str], log_path: Path):
    """Run ``jupyter server`` (with the Voila extension the environment enables) on 127.0.0.1; yield its
    address once it answers."""
    port = free_port()
    # An empty user config folder, so that nothing of this machine's ~/.jupyter takes part.
    environment = {**environment, "JUPYTER_CONFIG_DIR": str(log_path.parent / "user-config")}
    command = [sys.executable, "-m", "jupyter", "server", "--no-browser", f"--port={port}",
               "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
               f"--ServerApp.root_dir={folder}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            assert server.poll() is None, log_path.read_text()
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
                break
            except OSError:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    server.wait(0.5)
        else:
            raise AssertionError(f"jupyter server did not answer:\n{log_path.read_text()}")
        yield base
    finally:
        stop_process_group(server)


def rendered(base: str, notebook: str, seconds: float) -> str:
    """Return the whole page Voila renders for ``notebook``; raises TimeoutError when it takes longer
    than ``seconds`` (a stalled page keeps its connection open and goes on sending, so a socket
    timeout alone would wait for ever)."""
    deadline = time.monotonic() + seconds
    chunks = []
    with urllib.request.urlopen(f"{base}/voila/render/{notebook}?token={TOKEN}", timeout=seconds) as page:
        while chunk := page.read1(65536):
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise TimeoutError(f"the page was not complete after {seconds} s")
    return b"".join(chunks).decode()


@pytest.mark.parametrize("started_by", ["lab", "binder"])
def test_voila_in_a_jupyter_server_renders_a_notebook_with_an_image(started_by, picture_folder, tmp_path):
    environment = jupyter_server_environment() if started_by == "lab" else binder_environment()
    with jupyter_server(picture_folder, environment, tmp_path / "server.log") as base:
        page = rendered(base, "picture.ipynb", seconds=120)
    assert "data:image/png;base64," in page  # Voila inlines the notebook's image
    assert KERNEL_SAYS in page  # and goes on to run the code after it
    assert "contents_manager" not in (tmp_path / "server.log").read_text().lower()


def test_without_the_setting_voila_still_stalls_on_an_image(picture_folder, tmp_path):
    # voila#1473 is open: under the default asynchronous contents manager the page never ends.
    # When this test fails, Voila has fixed it and share/jupyter-config can go.
    environment = {key: value for key, value in os.environ.items() if key != "JUPYTER_CONFIG_PATH"}
    with jupyter_server(picture_folder, environment, tmp_path / "server.log") as base:
        with pytest.raises(TimeoutError):
            rendered(base, "picture.ipynb", seconds=20)
