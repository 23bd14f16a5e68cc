"""Reading source files: good inputs become Documents, bad ones one-line SourceErrors."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccin_kg.errors import SourceError
from ccin_kg.ingest.html_text import html_to_text
from ccin_kg.ingest.read import DEFAULT_MAX_BYTES, read_source, read_sources

FIXTURES = Path(__file__).parent / "fixtures"


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines`` in Helvetica, with a correct xref table."""
    shown = " ".join(f"({line}) '" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td 14 TL {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def assert_source_error(excinfo, path, problem_start: str) -> None:
    message = str(excinfo.value)
    assert message.startswith(f"{path}: "), message
    assert "\n" not in message
    assert excinfo.value.problem.startswith(problem_start), message


# -- bad inputs -----------------------------------------------------------------

def test_missing_path(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert str(excinfo.value) == f"{path}: no such file"


def test_directory(tmp_path):
    with pytest.raises(SourceError) as excinfo:
        read_source(tmp_path)
    assert str(excinfo.value) == f"{tmp_path}: is a directory, not a file"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n", "\u00a0\u3000\n".encode()])
def test_empty_or_whitespace_only(tmp_path, data):
    path = write(tmp_path, "blank.txt", data)
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert str(excinfo.value) == f"{path}: file is empty"


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml",  # a .docx (zip)
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(1, 32)) * 4,  # control characters, no NUL
    ],
)
def test_binary(tmp_path, data):
    path = write(tmp_path, "report.txt", data)
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert str(excinfo.value) == f"{path}: looks like a binary file, not text"


def test_not_utf8_names_byte_and_offset(tmp_path):
    path = write(tmp_path, "latin1.txt", "Café £5".encode("latin-1"))
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert str(excinfo.value) == f"{path}: is not UTF-8 text (invalid byte 0xe9 at offset 3)"


def test_not_utf8_offset_counts_the_bom(tmp_path):
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbfab\xff")
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert excinfo.value.problem == "is not UTF-8 text (invalid byte 0xff at offset 5)"


def test_utf16(tmp_path):
    path = write(tmp_path, "wide.txt", "Hello".encode("utf-16"))
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert_source_error(excinfo, path, "is UTF-16 text, not UTF-8")


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><body><p>Fooshire Borough Council leads the",
        "<html><body><p>Cut off</p></bo",
        "\n  <!-- saved --><!doctype html>\n<html><body><p>Cut</p></body>\n<p>more",
    ],
)
def test_truncated_html(tmp_path, page):
    path = write(tmp_path, "page.html", page)
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert str(excinfo.value) == f"{path}: HTML page looks truncated: no closing </html> / </body>"


def test_truncated_html_is_found_by_content_whatever_the_suffix(tmp_path):
    path = write(tmp_path, "page.txt", "<!doctype html><html><body><p>Half a page")
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert_source_error(excinfo, path, "HTML page looks truncated")


def test_html_ending_in_body_or_trailing_comments_is_complete(tmp_path):
    body_only = write(tmp_path, "a.html", "<html><body><p>Fooshire</p></body>\n")
    commented = write(tmp_path, "b.html", "<html><body><p>Fooshire</p></body></html>\n<!-- cached -->\n  ")
    assert read_source(body_only).text == "Fooshire"
    assert read_source(commented).text == "Fooshire"


def test_html_with_no_visible_text(tmp_path):
    path = write(tmp_path, "blank.html", "<html><head><title>T</title></head><body><script>x()</script></body></html>")
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert str(excinfo.value) == f"{path}: HTML page has no visible text"


def test_over_the_size_limit(tmp_path):
    path = write(tmp_path, "big.txt", "x" * 101)
    with pytest.raises(SourceError) as excinfo:
        read_source(path, max_bytes=100)
    assert str(excinfo.value) == (
        f"{path}: is 101 bytes, over the limit of 100 bytes (use --max-bytes to raise it)"
    )
    assert read_source(path, max_bytes=101).text == "x" * 101


def test_default_limit_is_20_mib():
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_max_bytes_must_be_positive(tmp_path):
    with pytest.raises(ValueError):
        read_source(write(tmp_path, "a.txt", "a"), max_bytes=0)


def test_duplicate_names_name_both_paths(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write(tmp_path / "one", "case.txt", "Fooshire")
    second = write(tmp_path / "two", "case.txt", "Barton Vale")
    with pytest.raises(SourceError) as excinfo:
        read_sources([first, second])
    message = str(excinfo.value)
    assert message.startswith(f"{second}: duplicate document name 'case.txt'")
    assert str(first) in message
    assert "\n" not in message


def test_duplicate_names_fail_before_reading(tmp_path):
    (tmp_path / "one").mkdir()
    missing = tmp_path / "one" / "case.txt"
    present = write(tmp_path, "case.txt", "Fooshire")
    with pytest.raises(SourceError, match="duplicate document name"):
        read_sources([present, missing])


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "secret.txt", "Fooshire")
    path.chmod(0)
    try:
        with pytest.raises(SourceError) as excinfo:
            read_source(path)
    finally:
        path.chmod(0o600)
    assert_source_error(excinfo, path, "permission denied")


def test_permission_error_on_open_is_reported(tmp_path, monkeypatch):
    import ccin_kg.ingest.read as read_module

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    path = write(tmp_path, "locked.txt", "Fooshire")
    monkeypatch.setattr(read_module, "open", refuse, raising=False)
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert str(excinfo.value) == f"{path}: permission denied: cannot read the file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_not_a_regular_file(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert str(excinfo.value) == f"{path}: is not a regular file"


def test_pdf_suffix_without_pdf_content(tmp_path):
    path = write(tmp_path, "report.pdf", "just text")
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert_source_error(excinfo, path, "cannot read PDF: no %PDF- header")


@pytest.mark.parametrize("data", [b"%PDF-1.4\nnot really a pdf\n", minimal_pdf(["Fooshire"])[:200]])
def test_damaged_pdf(tmp_path, data):
    path = write(tmp_path, "broken.pdf", data)
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert_source_error(excinfo, path, "cannot read PDF: ")


def test_pdf_without_text(tmp_path):
    path = write(tmp_path, "scan.pdf", minimal_pdf([]))
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert str(excinfo.value) == f"{path}: PDF has no extractable text"


def test_path_with_newline_gives_a_one_line_message(tmp_path):
    path = tmp_path / "odd\nname.txt"
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert "\n" not in str(excinfo.value)
    assert str(excinfo.value).endswith("odd\\nname.txt: no such file")


# -- good inputs ----------------------------------------------------------------

def test_plain_text_crlf_and_bom(tmp_path):
    raw = b"\xef\xbb\xbfFooshire Borough Council\r\nFund: \\pounds 90k\r\n"
    path = write(tmp_path, "note.txt", raw)
    doc = read_source(path)
    assert doc.name == "note.txt"
    assert doc.path == str(path)
    assert doc.text == "Fooshire Borough Council\nFund: £90k\n"
    assert doc.media_type == "text/plain"
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


def test_no_suffix_is_plain_text(tmp_path):
    assert read_source(write(tmp_path, "README", "Hello")).media_type == "text/plain"


def test_markdown(tmp_path):
    path = write(tmp_path, "case.md", "# Fooshire\n\nA **bold** plan.\n* item\n")
    doc = read_source(path)
    assert doc.media_type == "text/markdown"
    assert doc.text == "# Fooshire\n\nA bold plan.\n* item\n"


def test_html_fixture():
    path = FIXTURES / "policy_lab_page.html"
    doc = read_source(path)
    lines = doc.text.split("\n")
    assert doc.media_type == "text/html"
    assert doc.name == "policy_lab_page.html"
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert lines[0] == "Fooshire Community Pantry Policy Lab"
    assert lines.count("Fooshire Community Pantry Policy Lab") == 1
    for expected in [
        "- Lead Member Fooshire Borough Council",
        "- Participating Members Barton Vale District Council, Example Mutual Ltd, Quillby City Council",
        "- Year 2031",
        "- Type Policy Labs",
        "Principles met",
        "Co-production",
        "We will count the social value of every £1 spent.",
        "2. A guide to “pay what you can” pricing.",
        "For further information contact:",
        "Cllr Ada Placeholder & Sam Example",
    ]:
        assert expected in lines, expected
    for dropped in ["Home", "tracked", "font-family", "Sign up", "enable JavaScript", "All rights reserved", "icon"]:
        assert dropped not in doc.text, dropped


def test_html_detected_by_content(tmp_path):
    path = write(tmp_path, "saved.txt", "<!DOCTYPE html><html><body><h1>Fooshire</h1><p>Lab</p></body></html>")
    doc = read_source(path)
    assert doc.media_type == "text/html"
    assert doc.text == "Fooshire\nLab"


def test_pdf(tmp_path):
    raw = minimal_pdf(["Fooshire Borough Council", "Pantry fund 40k"])
    path = write(tmp_path, "case-study.pdf", raw)
    doc = read_source(path)
    assert doc.media_type == "application/pdf"
    assert doc.text.split("\n") == ["Fooshire Borough Council", "Pantry fund 40k"]
    assert doc.sha256 == hashlib.sha256(raw).hexdigest()


def test_pdf_detected_by_magic_whatever_the_suffix(tmp_path):
    path = write(tmp_path, "download", minimal_pdf(["Fooshire"]))
    assert read_source(path).media_type == "application/pdf"


def test_read_sources_sorted_by_name(tmp_path):
    paths = [write(tmp_path, name, "Fooshire") for name in ("c.txt", "a.txt", "b.md")]
    assert [d.name for d in read_sources(paths)] == ["a.txt", "b.md", "c.txt"]


def test_bundled_corpus_reads():
    corpus = Path(__file__).parents[1] / "ccin_kg" / "data" / "corpus"
    docs = read_sources(sorted(corpus.glob("*.txt")))
    assert len(docs) == 5
    for doc in docs:
        source = (corpus / doc.name).read_text(encoding="utf-8")
        assert doc.text.count("\n") == source.count("\n")


# -- HTML to text -------------------------------------------------------------------

def test_html_definitions_tables_breaks_and_entities():
    page = (
        "<html><head><title> Lab \n | Net </title><body>"
        "<p>a<br><br><br><br><br>b</p>"
        "<dl><dt>Participating Members<dd>Fooshire Council<dd>Barton Vale Council</dl>"
        "<table><tr><th>Year<th>Budget<tr><td><p>2031</p><td>&pound;40k</table>"
        "<p>Fish &amp; chips&nbsp;&mdash; &#x2019;</p></body></html>"
    )
    result = html_to_text(page)
    assert result.text.split("\n") == [
        "a", "", "", "b",
        "- Participating Members Fooshire Council, Barton Vale Council",
        "Year | Budget",
        "2031 | £40k",
        "Fish & chips — ’",
    ]
    assert result.title == "Lab | Net"
    assert result.h1 is None


def test_html_h1_moves_to_the_first_line_once():
    result = html_to_text("<body><p>Projects</p><h1></h1><h1>The <em>Lab</em></h1><p>Text</p><h1>Later</h1></body>")
    assert result.text.split("\n") == ["The Lab", "Projects", "Text", "Later"]
    assert result.h1 == "The Lab"


def test_html_list_item_holding_blocks_leaves_a_lone_dash():
    result = html_to_text("<ul><li><h3>Co-production</h3><p>We will.</p></li><li>Plain item</li></ul>")
    assert result.text.split("\n") == ["-", "Co-production", "We will.", "- Plain item"]


def test_html_head_without_closing_tag_does_not_hide_the_body():
    assert html_to_text("<html><head><title>T</title><body><p>Seen</p></body></html>").text == "Seen"


def test_malformed_html_declaration_is_a_source_error(tmp_path):
    path = write(tmp_path, "odd.html", "<html><body><![foo[ x ]]></body></html>")
    with pytest.raises(SourceError) as excinfo:
        read_source(path)
    assert_source_error(excinfo, path, "cannot parse HTML: ")


# -- any bytes: a Document or a SourceError, never another exception -----------

_PREFIXES = st.sampled_from([b"", b"%PDF-1.4\n", b"<!doctype html><html><body>", b"<html>", b"\xef\xbb\xbf", b"\xff\xfe"])
_SUFFIXES = st.sampled_from(["", ".txt", ".md", ".html", ".pdf"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=_PREFIXES, data=st.binary(max_size=400) | st.text(max_size=200).map(str.encode), suffix=_SUFFIXES)
def test_any_bytes_give_a_document_or_a_source_error(tmp_path, prefix, data, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(prefix + data)
    try:
        doc = read_source(path)
    except SourceError as e:
        assert str(e).startswith(f"{path}: ")
        assert "\n" not in str(e)
    else:
        assert doc.name == path.name
        assert doc.sha256 == hashlib.sha256(prefix + data).hexdigest()
