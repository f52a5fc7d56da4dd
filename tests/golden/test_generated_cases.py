"""Bad charters that cannot sit in the repository as files, made at test time, each with its exact report.

Huge files, bytes that are not UTF-8, alias bombs, deep nesting, symbolic links and pairs of files.
The cases that could cost memory or time run ``mkdocs build`` in a child process limited to 1 GiB of
address space; its timeout only guards against a hang and is not a measure of speed.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from charterkit.errors import CharterError
from charterkit.load.loader import MAX_PROBLEMS_PER_FILE, find_charter_files, load_charters

from tests.conftest import MINIMAL, make_project, write_charter

ONE_GIB = 1 << 30


def report(root: Path) -> list[str]:
    """The report lines for the charters under ``root / "charters"``, which must fail to load."""
    with pytest.raises(CharterError) as info:
        load_charters(find_charter_files(root / "charters"), base=root)
    return info.value.report().splitlines()


def charters(root: Path, files: dict[str, bytes]) -> Path:
    """Write each file into ``root/charters/``; return the folder."""
    (root / "charters").mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_charter(root, name, data)
    return root / "charters"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ONE_GIB, ONE_GIB))


def bounded_build(project: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``project``, in a child process with at most 1 GiB of memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CHARTERKIT_PDF": "0"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )


def assert_refused(proc: subprocess.CompletedProcess[str], project: Path, *lines: str) -> None:
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "Traceback" not in output and "MemoryError" not in output and "RecursionError" not in output
    for line in lines:
        assert line in output.splitlines(), output
    assert not (project / "site").exists(), "nothing may be written when a charter is refused"


# -- huge input, in a child process with bounded memory -----------------------------------------------


def test_a_50_mb_file_is_refused_unread(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    with (project / "charters" / "huge.yml").open("wb") as fh:
        fh.write(MINIMAL.encode())
        chunk = ("  - " + "We will listen to each other. " * 30 + "\n").encode()
        fh.write(b"padding:\n")
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    assert (project / "charters" / "huge.yml").stat().st_size > 50 * 1024 * 1024
    assert_refused(
        bounded_build(project),
        project,
        "charters/huge.yml: the file is larger than 200 KB. "
        "A charter is a short document: check that this is the right file.",
    )


def test_a_billion_laughs_alias_bomb_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, 12)]
    project = make_project(tmp_path, {"bomb.yml": MINIMAL + "\n".join(lines) + "\n"})
    assert_refused(
        bounded_build(project),
        project,
        "charters/bomb.yml:21: a value that starts with & is an anchor in YAML, which charter files "
        "do not allow. Write the text out in full wherever it is needed.",
    )


def test_ten_thousand_nested_brackets_are_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"deep.yml": MINIMAL + "deep: " + "[" * 10_000 + "]" * 10_000 + "\n"})
    assert_refused(
        bounded_build(project),
        project,
        "charters/deep.yml:21: the file nests more than 12 levels deep here. "
        "Charters never need this much nesting: check the indentation and brackets.",
    )


def test_ten_thousand_nested_lists_are_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"deep.yml": MINIMAL + "deep:\n" + "- " * 10_000 + "x\n"})
    assert_refused(
        bounded_build(project),
        project,
        "charters/deep.yml:22: the file nests more than 12 levels deep here. "
        "Charters never need this much nesting: check the indentation and brackets.",
    )


def test_ten_thousand_nested_fields_are_refused(tmp_path: Path) -> None:
    # Nested mappings need indentation; in flow style they fit in a few kilobytes.
    project = make_project(tmp_path, {"deep.yml": MINIMAL + "deep: " + "{a: " * 10_000 + "x" + "}" * 10_000})
    assert_refused(
        bounded_build(project),
        project,
        "charters/deep.yml:21: the file nests more than 12 levels deep here. "
        "Charters never need this much nesting: check the indentation and brackets.",
    )


def test_very_long_text_in_a_file_under_the_size_limit(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {"long.yml": MINIMAL.replace("title: A test charter", "title: " + "A very long title. " * 10_000)},
    )
    assert_refused(
        bounded_build(project),
        project,
        "charters/long.yml:1: title: is longer than 5000 characters. Shorten it to at most 5000 characters.",
    )


def test_thousands_of_problems_are_capped(tmp_path: Path) -> None:
    text = MINIMAL + "".join(f"sector: Sector {i}\n" for i in range(5000))
    charters(tmp_path, {"many.yml": text.encode()})
    lines = report(tmp_path)
    assert lines[0] == (
        "charters/many.yml: 4951 more problems in this file are not shown. "
        "Fix the ones below, then check again to see the rest."
    )
    assert lines[1] == (
        'charters/many.yml:21: sector: "sector" appears twice in the same place (first on '
        "line 3). Keep one of them and delete the other."
    )
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1
    assert lines[-1] == "50 problems in 1 charter file. Nothing was built."


# -- encodings -----------------------------------------------------------------------------------------


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    text = MINIMAL.replace("credit: Text by the test suite.", "credit: Text © Test Council.")
    charters(tmp_path, {"latin1.yml": text.encode("latin-1")})
    assert report(tmp_path) == [
        "charters/latin1.yml:6: the file is not saved as UTF-8 text (the first wrong byte is on this line). "
        'Save it again with the encoding "UTF-8".',
        "1 problem in 1 charter file. Nothing was built.",
    ]


def test_a_utf16_file_is_refused(tmp_path: Path) -> None:
    charters(tmp_path, {"utf16.yml": MINIMAL.encode("utf-16")})
    assert report(tmp_path) == [
        'charters/utf16.yml:1: the file is saved as UTF-16, not UTF-8. Save it again with the encoding "UTF-8".',
        "1 problem in 1 charter file. Nothing was built.",
    ]


def test_a_nul_byte_is_refused(tmp_path: Path) -> None:
    charters(tmp_path, {"nul.yml": MINIMAL.replace("Testing", "Test\x00ing").encode()})
    assert report(tmp_path) == [
        "charters/nul.yml:3: the file contains a NUL byte, so it is not a text file. "
        "Check that this is the right file.",
        "1 problem in 1 charter file. Nothing was built.",
    ]


def test_a_byte_order_mark_and_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode()
    folder = charters(tmp_path, {"bom.yml": data})
    [loaded] = load_charters(find_charter_files(folder), base=tmp_path)
    assert loaded.charter.title == "A test charter"
    assert loaded.slug == "bom"


def test_a_byte_order_mark_does_not_shift_line_numbers(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + MINIMAL.replace("sector: Testing", "sectr: Testing").encode()
    charters(tmp_path, {"bom.yml": data})
    assert report(tmp_path)[0] == (
        'charters/bom.yml:3: sectr: "sectr" is not a field here. Did you mean "sector"? Rename it.'
    )


# -- files and links -----------------------------------------------------------------------------------


def test_a_link_out_of_the_charters_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text(MINIMAL, encoding="utf-8")
    folder = charters(tmp_path / "project", {})
    (folder / "borrowed.yml").symlink_to(secret)
    (folder / "passwd.yml").symlink_to("/etc/passwd")
    (folder / "relative.yml").symlink_to("../../secret.yml")
    assert report(tmp_path / "project") == [
        "charters/borrowed.yml: is a link to a file outside the charters folder. "
        "Replace the link with the charter file itself.",
        "charters/passwd.yml: is a link to a file outside the charters folder. "
        "Replace the link with the charter file itself.",
        "charters/relative.yml: is a link to a file outside the charters folder. "
        "Replace the link with the charter file itself.",
        "3 problems in 3 charter files. Nothing was built.",
    ]


def test_links_to_nothing_and_to_devices_are_refused(tmp_path: Path) -> None:
    folder = charters(tmp_path, {})
    (folder / "missing.yml").symlink_to("nowhere.yml")
    os.mkfifo(folder / "pipe-target")
    (folder / "pipe.yml").symlink_to("pipe-target")  # reading a pipe would wait for ever
    assert report(tmp_path) == [
        "charters/missing.yml: is not a normal file (a link to nothing, a folder or a device). "
        "Replace it with the charter file itself.",
        "charters/pipe.yml: is not a normal file (a link to nothing, a folder or a device). "
        "Replace it with the charter file itself.",
        "2 problems in 2 charter files. Nothing was built.",
    ]


def test_a_link_inside_the_charters_folder_is_allowed(tmp_path: Path) -> None:
    folder = charters(tmp_path, {"_draft.yml": MINIMAL.encode()})
    (folder / "published.yml").symlink_to("_draft.yml")
    [loaded] = load_charters(find_charter_files(folder), base=tmp_path)
    assert loaded.display_path == "charters/published.yml"
    assert loaded.slug == "published"


def test_duplicate_slugs_across_two_files(tmp_path: Path) -> None:
    charters(
        tmp_path,
        {
            "alpha.yml": MINIMAL.replace("title: A test charter", "title: Alpha\nslug: shared").encode(),
            "beta.yml": MINIMAL.replace("title: A test charter", "title: Beta\nslug: shared").encode(),
            "shared.yml": MINIMAL.encode(),
        },
    )
    # Every file that shares the slug is told, so checking any one of them finds the clash.
    assert report(tmp_path) == [
        'charters/alpha.yml:2: slug: "shared" is also used by charters/beta.yml and charters/shared.yml. '
        "Give one of the charters a different slug (or rename its file).",
        'charters/beta.yml:2: slug: "shared" is also used by charters/alpha.yml and charters/shared.yml. '
        "Give one of the charters a different slug (or rename its file).",
        'charters/shared.yml:1: slug: "shared" is also used by charters/alpha.yml and charters/beta.yml. '
        "Give one of the charters a different slug (or rename its file).",
        "3 problems in 3 charter files. Nothing was built.",
    ]


def test_a_file_name_that_cannot_be_a_web_address(tmp_path: Path) -> None:
    charters(tmp_path, {"My Charter.yml": MINIMAL.encode()})
    assert report(tmp_path) == [
        'charters/My Charter.yml:1: slug: the file name "My Charter.yml" cannot be used in a web address. '
        "Rename the file using lower-case letters, digits and hyphens (north-somerset.yml), "
        "80 characters at most, or add a slug.",
        "1 problem in 1 charter file. Nothing was built.",
    ]


def test_slugs_the_site_reserves_for_its_own_pages(tmp_path: Path) -> None:
    folder = charters(
        tmp_path,
        {
            "themes.yml": MINIMAL.encode(),
            "ours.yml": MINIMAL.replace("title: A test charter", "title: Ours\nslug: by-sector").encode(),
        },
    )
    with pytest.raises(CharterError) as info:
        load_charters(find_charter_files(folder), base=tmp_path, reserved={"by-sector", "themes"})
    assert info.value.report().splitlines() == [
        'charters/ours.yml:2: slug: "by-sector" is already used by one of the site\'s own pages. '
        "Give the charter a different slug (such as slug: by-sector-charter), or rename its file.",
        'charters/themes.yml:1: slug: "themes" is already used by one of the site\'s own pages. '
        "Give the charter a different slug (such as slug: themes-charter), or rename its file.",
        "2 problems in 2 charter files. Nothing was built.",
    ]


def test_problems_in_several_files_are_reported_together(tmp_path: Path) -> None:
    charters(
        tmp_path,
        {
            "one.yml": MINIMAL.replace("sector: Testing", "sector: [a").encode(),
            "two.yml": MINIMAL.replace("title: A test charter", 'title: ""').encode(),
            "three.yml": MINIMAL.encode(),
        },
    )
    assert report(tmp_path) == [
        "charters/one.yml:3: the [ here is never closed with ]. Add the ] where the list ends. "
        'If the [ is part of the text, put the whole text in double quotes: sector: "[a"',
        'charters/two.yml:1: title: is empty. Write the text after "title:".',
        "2 problems in 2 charter files. Nothing was built.",
    ]
