from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from wijkanalyse import datasets, settings
from wijkanalyse._errors import DataError
from wijkanalyse.datasets import CATALOGUE, fetch, get_dataset, list_datasets

ROOT = Path(__file__).resolve().parent.parent


class _Handler(http.server.SimpleHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        super().do_GET()


@pytest.fixture
def serve() -> Iterator[functools.partial[str]]:
    """Start an HTTP server on 127.0.0.1 serving a folder; return its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(_Handler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    _Handler.requests = []
    yield functools.partial(start)
    for server in servers:
        server.shutdown()
        server.server_close()


def _files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_catalogue_matches_the_mirror(mirror: Path) -> None:
    for ds in CATALOGUE.values():
        path = mirror / ds.path
        assert path.is_file(), ds.id
        assert hashlib.sha256(path.read_bytes()).hexdigest() == ds.sha256, ds.id
        assert ds.licence
        assert ds.attribution
        assert ds.source_url.startswith("https://")
        assert ds.url is None or ds.url.startswith("https://")
        assert (ds.url is None) == (ds.derived is not None), ds.id


def test_fetch_from_the_mirror(mirror: Path) -> None:
    path = fetch("statbel_census2021_age65")
    assert path == mirror / CATALOGUE["statbel_census2021_age65"].path


def test_unknown_id_lists_close_matches() -> None:
    with pytest.raises(
        DataError,
        match=r"unknown dataset id 'statbel_census2021'.*Did you mean: statbel_census2021_age65",
    ):
        get_dataset("statbel_census2021")
    with pytest.raises(DataError, match="unknown dataset id 'nonsense_xyz'"):
        fetch("nonsense_xyz")


def test_download_over_loopback_verifies_and_caches(mirror: Path, tmp_path: Path, serve) -> None:
    settings.data_mirror = tmp_path / "no-mirror"  # an empty mirror: force the download path
    settings.cache_dir = tmp_path / "cache"
    settings.download_base_url = serve(mirror)
    path = fetch("leuven_centres_reference")
    ds = CATALOGUE["leuven_centres_reference"]
    assert path == tmp_path / "cache" / ds.path
    assert path.read_bytes() == (mirror / ds.path).read_bytes()
    assert _Handler.requests == ["/" + ds.path]
    # a second fetch comes from the cache: no new request
    assert fetch("leuven_centres_reference") == path
    assert len(_Handler.requests) == 1


def test_corrupted_download_is_refused_and_nothing_is_kept(
    mirror: Path, tmp_path: Path, serve
) -> None:
    ds = CATALOGUE["statbel_income2021"]
    bad = tmp_path / "bad-server"
    target = bad / ds.path
    target.parent.mkdir(parents=True)
    data = bytearray((mirror / ds.path).read_bytes())
    data[100] ^= 0xFF  # one flipped byte
    target.write_bytes(bytes(data))
    settings.data_mirror = tmp_path / "no-mirror"
    settings.cache_dir = tmp_path / "cache"
    settings.download_base_url = serve(bad)
    with pytest.raises(
        DataError, match=r"does not match the catalogue sha256.*nothing was kept|nothing was kept"
    ):
        fetch("statbel_income2021")
    assert _files_in(tmp_path / "cache") == []


def test_missing_file_on_the_server(tmp_path: Path, serve) -> None:
    settings.data_mirror = tmp_path / "no-mirror"
    settings.cache_dir = tmp_path / "cache"
    (tmp_path / "empty").mkdir()
    settings.download_base_url = serve(tmp_path / "empty")
    # the public URL would be tried next: make that impossible by removing it for this test
    ds = CATALOGUE["statbel_census2021_age65"]
    monkey = datasets.Dataset(**{**ds.__dict__, "url": None})
    CATALOGUE[ds.id] = monkey
    try:
        with pytest.raises(
            DataError,
            match=r"(?s)could not download dataset 'statbel_census2021_age65'.*404 Client Error",
        ):
            fetch(ds.id)
    finally:
        CATALOGUE[ds.id] = ds
    assert _files_in(tmp_path / "cache") == []


def test_derived_dataset_needs_a_mirror(tmp_path: Path) -> None:
    settings.data_mirror = tmp_path / "no-mirror"
    settings.download_base_url = None
    with pytest.raises(DataError, match="has no public download: it is a derived file"):
        fetch("pinc_wijken_ggw7")


def test_mirror_with_another_version_is_refused(tmp_path: Path) -> None:
    ds = CATALOGUE["leuven_centres_reference"]
    fake = tmp_path / "mirror" / ds.path
    fake.parent.mkdir(parents=True)
    fake.write_text("name,type\nx,y\n")
    settings.data_mirror = tmp_path / "mirror"
    with pytest.raises(
        DataError, match="does not match the catalogue entry 'leuven_centres_reference'"
    ):
        fetch(ds.id)


def test_corrupted_cache_is_downloaded_again(mirror: Path, tmp_path: Path, serve) -> None:
    ds = CATALOGUE["leuven_centres_reference"]
    settings.data_mirror = tmp_path / "no-mirror"
    settings.cache_dir = tmp_path / "cache"
    cached = tmp_path / "cache" / ds.path
    cached.parent.mkdir(parents=True)
    cached.write_text("stale")
    settings.download_base_url = serve(mirror)
    assert fetch(ds.id).read_bytes() == (mirror / ds.path).read_bytes()


def test_list_datasets_reports_availability(mirror: Path) -> None:
    frame = list_datasets()
    assert set(frame.index) == set(CATALOGUE)
    assert (frame["available"] == "mirror").all()
    assert {"licence", "attribution", "sha256", "vintage", "coverage"} <= set(frame.columns)


def test_data_readme_is_the_generated_catalogue() -> None:
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert readme.strip() == datasets.catalogue_markdown().strip(), (
        "data/README.md is out of date: run `wijkanalyse datasets list --format markdown > "
        "data/README.md`"
    )


def test_resolve_source_accepts_paths_and_ids(mirror: Path, tmp_path: Path) -> None:
    path, ds = datasets.resolve_source("statbel_income2021")
    assert ds is not None
    assert path.name.endswith(".csv")
    f = tmp_path / "x.csv"
    shutil.copy(path, f)
    # a byte-identical copy is that dataset; a file of one's own is not
    assert datasets.resolve_source(str(f)) == (f, ds)
    assert datasets.dataset_of(f) is ds
    assert datasets.dataset_of("statbel_income2021") is ds
    own = tmp_path / "own.csv"
    own.write_bytes(path.read_bytes() + b"\n")
    assert datasets.resolve_source(own) == (own, None)
    assert datasets.dataset_of(own) is None
    assert datasets.dataset_of(tmp_path / "missing.csv") is None
    with pytest.raises(DataError, match="does not exist"):
        datasets.resolve_source(str(tmp_path / "missing.csv"))


def test_file_digests_are_cached_per_version_and_bounded(tmp_path: Path) -> None:
    import hashlib

    from wijkanalyse import datasets

    f = tmp_path / "x.csv"
    f.write_bytes(b"a;b\n1;2\n")
    first = datasets._sha256(f)
    assert first == hashlib.sha256(b"a;b\n1;2\n").hexdigest()
    f.write_bytes(b"a;b\n1;23\n")  # another size (or time): hashed again, not the stale digest
    assert datasets._sha256(f) == hashlib.sha256(b"a;b\n1;23\n").hexdigest()
    assert datasets._digest.cache_info().maxsize == datasets._DIGESTS_KEPT
    for i in range(datasets._DIGESTS_KEPT + 10):
        datasets._digest(str(f), i, 0)
    assert datasets._digest.cache_info().currsize <= datasets._DIGESTS_KEPT


def test_every_dataset_has_a_dutch_title_and_licence() -> None:
    # a Dutch report names its sources in Dutch; the attribution stays the publisher's
    for ds in CATALOGUE.values():
        title, licence = datasets.described(ds, "nl")
        assert title != ds.title, ds.id
        assert licence, ds.id
        assert datasets.described(ds, "en") == (ds.title, ds.licence)
    record = {"id": "own_file", "title": "My own list", "licence": "my licence"}
    assert datasets.described(record, "nl") == ("My own list", "my licence")
