from satudata.apps.portal.templatetags.satudata_ui import excerpt, markdown


def test_markdown_keeps_formatting_and_drops_scripts():
    html = markdown("**Jumlah** penduduk <script>alert(1)</script>\n\n- satu\n- dua")
    assert "<strong>Jumlah</strong>" in html
    assert "<script>" not in html
    assert "<li>satu</li>" in html


def test_markdown_converts_each_text_on_its_own():
    assert "[^1]" not in markdown("Catatan[^1]\n\n[^1]: Sumber BPS")
    assert "footnote" not in markdown("Tanpa catatan")


def test_excerpt_is_plain_text_of_the_first_words():
    text = "Data **penduduk** per [kecamatan](https://example.org) & kelurahan. " + "kata " * 50
    short = excerpt(text, 8)
    assert short == "Data penduduk per kecamatan & kelurahan. kata kata…"
    assert "<" not in excerpt("<b>tebal</b> <script>x</script>teks")
    assert excerpt("") == ""
