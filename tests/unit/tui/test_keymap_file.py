"""A keymap file the app cannot use says so, naming the file: a TOML error, or binding ids
written without the ``[keymap]`` header (read as nothing before, without a word)."""

from __future__ import annotations

import pytest

from workbench.tui.keymap import load_keymap


def test_a_keymap_table_is_read(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text('[keymap]\n"review.attributed" = "f1,1"\n', "utf-8")
    assert load_keymap(path) == {"review.attributed": "f1,1"}
    assert load_keymap(tmp_path / "missing.toml") == {}


@pytest.mark.parametrize("body", ['"review.attributed" = "f1"\n', 'review.attributed = "f1"\n'])
def test_ids_outside_the_keymap_table_are_named_with_the_file(tmp_path, body):
    path = tmp_path / "keymap.toml"
    path.write_text(body, "utf-8")
    with pytest.raises(ValueError, match=r"keymap\.toml: .* outside the \[keymap\] table"):
        load_keymap(path)


def test_a_toml_error_names_the_file(tmp_path):
    path = tmp_path / "keymap.toml"
    path.write_text("[keymap\n", "utf-8")
    with pytest.raises(ValueError, match=r"keymap\.toml: "):
        load_keymap(path)


def test_a_file_that_is_not_utf8_names_the_file(tmp_path):
    # (saved in Latin-1 by an editor: tomllib's UnicodeDecodeError named no file, and the app's
    # notice read "keymap ignored: 'utf-8' codec can't decode byte 0xe9…", which keymap?)
    path = tmp_path / "keymap.toml"
    path.write_bytes('[keymap]\n# clé\n"review.attributed" = "f1"\n'.encode("latin-1"))
    with pytest.raises(ValueError, match=r"keymap\.toml: not UTF-8 text \(byte 0xe9 at offset 13\)"):
        load_keymap(path)
