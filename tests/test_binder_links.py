"""The README's Binder links (and LISEZMOI's, its French) open files that exist, with paths Binder
understands (no leading slash), all on the same repository; LISEZMOI's open the French editions."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ROOT

BINDER = re.compile(r"https://mybinder\.org/v2/gh/[^\s)\]>\"']+")
LINKS = BINDER.findall((ROOT / "README.md").read_text(encoding="utf-8"))
FRENCH_LINKS = BINDER.findall((ROOT / "LISEZMOI.md").read_text(encoding="utf-8"))


def opened_path(link: str) -> str:
    """The repository file a Binder link opens: its labpath, or the notebook of its urlpath."""
    query = parse_qs(urlsplit(link).query)
    if "labpath" in query:
        return query["labpath"][0]
    urlpath = query["urlpath"][0]
    for prefix in ("voila/render/", "lab/tree/", "tree/"):
        if urlpath.startswith(prefix):
            return urlpath[len(prefix):]
    raise AssertionError(f"{link}: urlpath {urlpath!r} opens neither Voila nor JupyterLab")


def test_the_readme_opens_jupyterlab_a_lesson_and_a_tool_on_binder():
    opened = [opened_path(link) for link in LINKS]
    assert any("labpath=notebooks/00_welcome.ipynb" in link for link in LINKS)
    assert any(path.startswith("notebooks/day") for path in opened)
    assert any(path.startswith("notebooks/tools/") for path in opened)


def test_lisezmoi_opens_the_french_edition_of_what_the_readme_opens():
    assert [opened_path(link) for link in FRENCH_LINKS] == [
        opened_path(link).removesuffix(".ipynb") + ".fr.ipynb" for link in LINKS]


@pytest.mark.parametrize("link", LINKS + FRENCH_LINKS)
def test_each_binder_link_opens_an_existing_file_without_a_leading_slash(link):
    path = opened_path(link)
    query = parse_qs(urlsplit(link).query)
    assert not any(value.startswith("/") for values in query.values() for value in values)
    assert (ROOT / path).is_file(), f"{link} opens {path}, which is not in the repository"


def test_every_binder_link_names_the_same_repository_and_branch():
    repositories = {"/".join(urlsplit(link).path.split("/")[4:7]) for link in LINKS + FRENCH_LINKS}
    assert len(repositories) == 1, repositories
