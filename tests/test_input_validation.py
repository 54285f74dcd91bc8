"""Bad payloads and files are rejected with a reason that names the input; good ones pass through."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from services.cleaning import InputRejected, check_text_payload, read_input_file
from services.cleaning.validation import decode_page
from services.config import Settings
from services.errors import PermanentError
from services.fetching.fetcher import FetchedPage

NAME = "payload-7"
LIMIT = 1_000
LIMITS = Settings(max_text_chars=LIMIT)
TEXT = "Gunmen attacked a checkpoint near the border on Sunday, killing two guards, officials said."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        ("", "empty"),
        ("  \n\t \r\n ", "only whitespace"),
        (b"   \n\n  ", "only whitespace"),
        ("text with a NUL\x00 inside", "NUL"),
        (b"text with a NUL\x00 inside", "NUL"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x1f\x8b\x08\x00" + bytes(range(1, 200)), "gzip"),
        ("".join(chr(c) for c in range(1, 32)) * 10 + TEXT, "control characters"),
        (bytes(range(0x80, 0x100)) * 4, "undecodable"),
        ("x" * (LIMIT + 1), "too long: 1,001 characters, over the limit of 1,000"),
        (b"x" * (LIMIT * 4 + 1), "too large: 4,001 bytes"),
    ],
    ids=[
        "empty-bytes", "empty-str", "whitespace-str", "whitespace-bytes", "nul-str", "nul-bytes", "png",
        "pdf", "gzip", "control-chars", "undecodable", "too-long", "too-many-bytes",
    ],
)  # fmt: skip
def test_rejected_payloads(data: bytes | str, reason: str) -> None:
    with pytest.raises(InputRejected) as caught:
        check_text_payload(data, NAME, LIMIT)
    assert caught.value.name == NAME
    assert reason in caught.value.reason
    assert str(caught.value) == f"{NAME}: {caught.value.reason}"
    assert isinstance(caught.value, PermanentError)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (TEXT, TEXT),
        (TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF8 + "Café bombing “claimed”".encode(), "Café bombing “claimed”"),
        ("Kabul: 6 killed".encode("utf-16"), "Kabul: 6 killed"),
        ("Le café de la gare a été détruit par l'explosion, à Genève, selon la police.".encode("latin-1"),
         "Le café de la gare a été détruit par l'explosion"),
        ("Tabs\tand\r\nWindows line ends\fare text", "Tabs\tand\r\nWindows line ends\fare text"),
        ("x" * LIMIT, "x" * LIMIT),
    ],
    ids=["str", "utf8", "utf8-bom", "utf16-bom", "latin1", "whitespace-controls", "at-limit"],
)  # fmt: skip
def test_accepted_payloads(data: bytes | str, text: str) -> None:
    assert check_text_payload(data, NAME, LIMIT).startswith(text)


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "article.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "page.HTML").write_text(f"<html><body><p>{TEXT}</p></body></html>", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n\n   \n", encoding="utf-8")
    (tmp_path / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n")
    (tmp_path / "notes").write_text(TEXT, encoding="utf-8")
    (tmp_path / "huge.txt").write_text("word " * LIMIT, encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing.txt", "no such file"),
        ("dangling.txt", "no such file"),
        ("folder.txt", "is a directory"),
        ("empty.txt", "empty"),
        ("blank.txt", "only whitespace"),
        ("photo.txt", "JPEG image"),
        ("report.pdf", "unsupported file type '.pdf'"),
        ("notes", "unsupported file type '(none)'"),
        ("huge.txt", "too large: 5,000 bytes"),
    ],
)
def test_rejected_files(files: Path, name: str, reason: str) -> None:
    path = files / name
    with pytest.raises(InputRejected) as caught:
        read_input_file(path, LIMITS)
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}: ")


def test_accepted_files(files: Path) -> None:
    assert read_input_file(files / "article.txt", LIMITS) == ("text", TEXT)
    kind, content = read_input_file(files / "page.HTML", LIMITS)
    assert kind == "html"
    assert TEXT in content


def test_html_files_have_their_own_limit(files: Path) -> None:
    page = files / "long.html"
    page.write_text("<p>" + "word " * LIMIT + "</p>", encoding="utf-8")
    with pytest.raises(InputRejected, match="over the limit of 2,000"):
        read_input_file(page, Settings(max_text_chars=LIMIT, max_html_chars=2_000))
    assert read_input_file(page, Settings(max_text_chars=LIMIT, max_html_chars=10_000))[0] == "html"


def _page(content_type: str, body: bytes) -> FetchedPage:
    return FetchedPage("https://example.org/a", "https://example.org/a", 200, content_type, "utf-8", body)


def test_a_fetched_page_has_the_limit_of_its_kind() -> None:
    text = "word " * LIMIT
    with pytest.raises(InputRejected, match="over the limit of 1,000"):
        decode_page(_page("text/plain", text.encode()), LIMITS)
    assert decode_page(_page("text/html", text.encode()), LIMITS) == ("html", text)
