import pytest

from satudata.engines import duck


def test_connection_installs_and_autoloads_nothing(tmp_path):
    con = duck.connect(memory_limit="128MB", threads=1, temp_directory=tmp_path)
    settings = dict(
        con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('threads', 'memory_limit', "
            "'autoinstall_known_extensions', 'autoload_known_extensions')"
        ).fetchall()
    )
    assert settings["autoinstall_known_extensions"] == "false"
    assert settings["autoload_known_extensions"] == "false"
    assert settings["threads"] == "1"
    assert settings["memory_limit"] == "122.0 MiB"
    loaded = {
        r[0]
        for r in con.execute(
            "SELECT extension_name FROM duckdb_extensions() WHERE loaded"
        ).fetchall()
    }
    assert not loaded & duck.KNOWN_EXTENSIONS


def test_extensions_load_from_their_wheels_only_when_asked(tmp_path):
    con = duck.connect(extensions=["fts"], temp_directory=tmp_path)
    loaded = {
        r[0]
        for r in con.execute(
            "SELECT extension_name FROM duckdb_extensions() WHERE loaded"
        ).fetchall()
    }
    assert "fts" in loaded and "spatial" not in loaded
    assert duck.extension_path("excel").name == "excel.duckdb_extension"


def test_unknown_extension_is_refused():
    with pytest.raises(ValueError, match="httpfs"):
        duck.extension_path("httpfs")
