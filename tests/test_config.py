"""Is there one configuration object, with defaults and environment overrides?"""

from __future__ import annotations

from pathlib import Path

from widgets.config import ENV_DATA_DIR, ENV_DEBOUNCE, ENV_PACK, WorkbookConfig

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_point_at_the_project_pack_and_a_per_user_folder():
    """Without overrides, is the pack data/ and the store in a per-user folder?"""
    config = WorkbookConfig.from_environ({})
    assert Path(config.pack_dir) == ROOT / "data"
    assert "healing-workbook" in config.data_dir
    assert config.store_path.name == "answers.sqlite3"
    assert config.debounce_seconds == 1.0


def test_environment_overrides_every_option(tmp_path):
    """Do the environment variables override the pack, data folder and debounce?"""
    config = WorkbookConfig.from_environ(
        {ENV_PACK: str(tmp_path / "pack"), ENV_DATA_DIR: str(tmp_path / "me"), ENV_DEBOUNCE: "0.5"}
    )
    assert config.pack_dir == str(tmp_path / "pack")
    assert config.store_path == tmp_path / "me" / "answers.sqlite3"
    assert config.debounce_seconds == 0.5


def test_every_option_is_documented():
    """Does each option carry help text naming its environment variable?"""
    for name, trait in WorkbookConfig.class_traits().items():
        assert trait.help, name
    assert ENV_PACK in WorkbookConfig.class_traits()["pack_dir"].help


def test_tests_never_use_the_real_data_folder():
    """Is this very test run pointed at a temporary folder?"""
    import os
    import tempfile

    assert os.environ[ENV_DATA_DIR].startswith(tempfile.gettempdir())


def test_only_the_loader_reads_the_pack_folder():
    """Does no module outside widgets/content/ (and config's default) name data/ files?"""
    offenders = []
    for path in (ROOT / "widgets").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "content" or path.name == "config.py":
            continue
        reads_files = "read_text(" in text and "static/" not in text
        if ".yaml" in text or reads_files:
            offenders.append(path.name)
    assert offenders == []
