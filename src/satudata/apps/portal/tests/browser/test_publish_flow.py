"""The whole road of a dataset in a real browser: a produsen uploads a broken sheet, reads the
report, fixes it and submits; the walidata returns it, then publishes it; a visitor downloads it."""

from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook

from satudata.apps.catalog.models import Dataset, State, Topic, Upload
from satudata.platform.problems import problem_message
from satudata.platform.testing.factories import PASSWORD, make_org, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path("/tmp")
KECAMATAN = [
    ("36.71.01", "Tangerang"),
    ("36.71.02", "Jatiuwung"),
    ("36.71.03", "Batuceper"),
    ("36.71.04", "Benda"),
    ("36.71.05", "Cipondoh"),
    ("36.71.06", "Ciledug"),
    ("36.71.07", "Karawaci"),
    ("36.71.08", "Periuk"),
    ("36.71.09", "Cibodas"),
    ("36.71.10", "Neglasari"),
]
MANUAL = ("standar_data", "metadata", "interoperabilitas", "kode_referensi")


def workbook(path: Path, broken: bool) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["kode_wilayah", "kecamatan", "jumlah_balita"])
    for n, (kode, name) in enumerate(KECAMATAN):
        sheet.append([kode, name, 100 + n])
    if broken:
        sheet["C3"] = "sepuluh"
        sheet["A5"] = "36.71.99"
    book.save(path)
    return path


def sign_in(browser, base: str, username: str):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/kerja/")
    return page


def indonesian(problem: dict) -> str:
    with translation.override("id"):
        return problem_message(problem)


def test_upload_check_return_publish_download(browser, live_server, tmp_path):
    base = live_server.url
    org = make_org("opd", name="Dinas Kesehatan")
    make_user(org, "produsen", username="produsen")
    make_user(make_org("walidata", name="Diskominfo"), "walidata", username="walidata")
    Topic.objects.create(name="Kesehatan", slug="kesehatan")

    produsen = sign_in(browser, base, "produsen")
    produsen.goto(f"{base}/kerja/dataset/baru/")
    produsen.fill("#id_title", "Jumlah Balita per Kecamatan")
    produsen.fill("#id_description", "Balita yang ditimbang di posyandu.")
    produsen.select_option("#id_topic", label="Kesehatan")
    produsen.select_option("#id_level_penyajian", "kecamatan")
    produsen.click("main form button[type=submit]")
    produsen.wait_for_url("**/unggah/")
    dataset = Dataset.objects.get()

    produsen.set_input_files("#id_file", str(workbook(tmp_path / "balita.xlsx", broken=True)))
    produsen.click("main form button[type=submit]")
    produsen.wait_for_url("**/unggahan/*/")
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.INVALID
    by_column = {p["column"]: p for p in upload.problems}
    not_a_number = by_column["jumlah_balita"]
    unknown_code = by_column["kode_wilayah"]
    assert not_a_number["row"] == 3 and not_a_number["value"] == "sepuluh"
    assert unknown_code["row"] == 5 and unknown_code["value"] == "36.71.99"
    for problem in (not_a_number, unknown_code):
        line = produsen.locator("table.problems tbody tr", has_text=problem["value"])
        assert line.locator("td").nth(1).inner_text() == str(problem["row"])
        assert line.locator("td").nth(2).inner_text() == problem["column"]
        assert indonesian(problem) in line.inner_text()
    produsen.screenshot(path=str(SCREENSHOTS / "satudata-upload-report.png"), full_page=True)

    produsen.goto(f"{base}/kerja/dataset/{dataset.slug}/unggah/")
    produsen.set_input_files("#id_file", str(workbook(tmp_path / "balita-2.xlsx", broken=False)))
    produsen.fill("#id_note", "Angka diperbaiki")
    produsen.click("main form button[type=submit]")
    produsen.wait_for_url("**/unggahan/*/")
    produsen.click("form[action$='/simpan/'] button")
    produsen.wait_for_url(f"{base}{dataset.get_absolute_url()}")
    produsen.click(f"a[href='/kerja/dataset/{dataset.slug}/ajukan/']")
    produsen.click("main form button[type=submit]")
    produsen.wait_for_url(f"{base}{dataset.get_absolute_url()}")
    dataset.refresh_from_db()
    assert dataset.state == State.DIAJUKAN

    walidata = sign_in(browser, base, "walidata")
    walidata.click(f"a[href='/kerja/pemeriksaan/{dataset.slug}/']")
    walidata.fill("#id_note", "Lengkapi definisi dan satuan.")
    walidata.click("button[value=return]")
    walidata.wait_for_url(f"{base}{dataset.get_absolute_url()}")
    dataset.refresh_from_db()
    assert dataset.state == State.DIKEMBALIKAN

    produsen.goto(f"{base}{dataset.get_absolute_url()}")
    assert "Lengkapi definisi dan satuan." in produsen.locator("[role=alert]").inner_text()
    produsen.click(f"a[href='/kerja/dataset/{dataset.slug}/ajukan/']")
    produsen.fill("#id_note", "Sudah dilengkapi")
    produsen.click("main form button[type=submit]")
    produsen.wait_for_url(f"{base}{dataset.get_absolute_url()}")

    walidata.goto(f"{base}/kerja/pemeriksaan/{dataset.slug}/")
    for code in MANUAL:
        walidata.check(f"#id_check_{code}")
    walidata.click("button[value=approve]")
    walidata.wait_for_url(f"{base}{dataset.get_absolute_url()}")
    dataset.refresh_from_db()
    assert dataset.state == State.DITERBITKAN

    visitor = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = visitor.new_page()
    page.goto(f"{base}/dataset/")
    page.click(f"a[href='{dataset.get_absolute_url()}']")
    with page.expect_download() as download:
        page.click("a[href$='unduh.csv']")
    csv = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "kode_wilayah" in csv.splitlines()[0]
    assert "36.71.02" in csv and "Jatiuwung" in csv
    page.screenshot(path=str(SCREENSHOTS / "satudata-dataset-page.png"), full_page=True)
