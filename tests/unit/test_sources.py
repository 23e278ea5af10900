"""Loading articles: every encoding case, refusals with one-line messages, HTML files and local URLs."""

from __future__ import annotations

import http.server
import io
import os
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.sources import SourceError, decode_bytes, load

ARTICLE = "Title line\n\n“Quoted,” said Ana Núñez. It’s 5 °C.\n"
HTML_PAGE = """<!doctype html><html><head><title>Mayor Kenney defends release</title></head>
<body><nav>Home | News | Sport</nav><article><h1>Mayor Kenney defends release</h1>
<p>Philadelphia Mayor Jim Kenney defended the release of a man wanted by U.S. Immigration and Customs
Enforcement, saying the city would not honor detainers without a warrant signed by a judge.</p>
<p>“We will keep our community safe,” said Tom Decker, a field office director, in a statement on
Tuesday. The agency said it would keep asking the city to cooperate with its officers.</p>
<p>Critics of the policy said the decision put residents at risk and called on the council to act.</p>
</article><footer>Copyright 2026</footer></body></html>"""


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    "data",
    [
        ARTICLE.encode("utf-8"),
        b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),  # with BOM
        ARTICLE.encode("utf-16-be").join([b"\xfe\xff", b""]),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom"],
)
def test_unicode_encodings_decode_to_the_same_text(tmp_path: Path, data: bytes) -> None:
    loaded = load(_write(tmp_path, "a.txt", data))
    assert loaded.text == ARTICLE
    assert loaded.title == "Title line"


def test_cp1252_smart_quotes(tmp_path: Path) -> None:
    text = "Headline\n\n“Quoted,” he said – it’s €5.\n"
    assert load(_write(tmp_path, "a.txt", text.encode("cp1252"))).text == text


def test_latin1_when_cp1252_cannot_decode(tmp_path: Path) -> None:
    data = "Café\n\nbytes \x81 and \x8d\n".encode("latin-1")
    assert load(_write(tmp_path, "a.txt", data)).text == data.decode("latin-1")


def test_crlf_and_lone_cr_become_lf_and_nothing_else_changes(tmp_path: Path) -> None:
    raw = "Title\r\n\r\nA  line\u00a0with nbsp\rand “quotes”\r\n"
    loaded = load(_write(tmp_path, "a.txt", raw.encode("utf-8")))
    assert loaded.text == "Title\n\nA  line\u00a0with nbsp\nand “quotes”\n"


def test_markdown_is_read_as_text(tmp_path: Path) -> None:
    loaded = load(_write(tmp_path, "a.md", b"# Heading\n\nBody *text*.\n"))
    assert loaded.text == "# Heading\n\nBody *text*.\n"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"text\x00with a NUL"])
def test_binary_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(SourceError, match="binary"):
        load(_write(tmp_path, "image.txt", data))


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "])
def test_empty_or_blank_is_refused(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(SourceError, match="empty"):
        load(_write(tmp_path, "empty.txt", data))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        load(str(tmp_path / "nope.txt"))


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="directory"):
        load(str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = Path(_write(tmp_path, "secret.txt", b"text"))
    path.chmod(0)
    with pytest.raises(SourceError, match="permission denied"):
        load(str(path))


def test_size_limit(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", b"word " * 1000)
    with pytest.raises(SourceError, match="limit"):
        load(path, max_bytes=1000)
    assert load(path, max_bytes=5000).text.startswith("word")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbfFrom a pipe\r\n\r\nBody.\r\n"))
    monkeypatch.setattr(sys, "stdin", fake)
    loaded = load("-")
    assert loaded.text == "From a pipe\n\nBody.\n"
    assert loaded.source == "-"


def test_html_file_gives_title_blank_line_body(tmp_path: Path) -> None:
    loaded = load(_write(tmp_path, "page.html", HTML_PAGE.encode("utf-8")))
    assert loaded.title == "Mayor Kenney defends release"
    assert loaded.text.startswith("Mayor Kenney defends release\n\n")
    assert "Philadelphia Mayor Jim Kenney defended" in loaded.text
    assert "“We will keep our community safe,” said Tom Decker" in loaded.text
    assert "Copyright 2026" not in loaded.text


def test_html_without_article_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no article text"):
        load(_write(tmp_path, "empty.html", b"<html><head><title>x</title></head><body></body></html>"))


def test_decode_never_raises_on_arbitrary_bytes_without_nul() -> None:
    data = bytes(range(1, 256)) * 3
    assert isinstance(decode_bytes(data), str)


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {
        "/article.html": (200, "text/html; charset=utf-8", HTML_PAGE.encode("utf-8")),
        "/plain.txt": (200, "text/plain; charset=utf-8", b"Plain title\r\n\r\nPlain body.\r\n"),
        "/image.png": (200, "image/png", b"\x89PNG\x00\x00"),
    }

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/slow":
            threading.Event().wait(3)
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    """The timeout test hangs up on purpose; the late reply's broken pipe is expected, not news."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_local_url_html(server: str) -> None:
    loaded = load(f"{server}/article.html")
    assert loaded.source == f"{server}/article.html"
    assert loaded.text.startswith("Mayor Kenney defends release\n\n")
    assert "Tom Decker" in loaded.text


def test_local_url_plain_text(server: str) -> None:
    assert load(f"{server}/plain.txt").text == "Plain title\n\nPlain body.\n"


def test_url_not_found(server: str) -> None:
    with pytest.raises(SourceError, match="404"):
        load(f"{server}/missing")


def test_url_wrong_content_type(server: str) -> None:
    with pytest.raises(SourceError, match="image/png"):
        load(f"{server}/image.png")


def test_url_refused() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SourceError, match="cannot fetch"):
        load(f"http://127.0.0.1:{port}/x.html")


def test_url_timeout(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reader.sources.URL_TIMEOUT_SECONDS", 0.5)
    with pytest.raises(SourceError, match="timed out"):
        load(f"{server}/slow")


def test_fifty_megabyte_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(SourceError, match=r"50\.0 MB, above the 20\.0 MB limit"):
        load(str(path))


def test_one_five_megabyte_line_loads(tmp_path: Path) -> None:
    line = ("word " * (5 * 1024 * 1024 // 5)).strip()
    loaded = load(_write(tmp_path, "line.txt", line.encode()))
    assert loaded.text == line
    assert loaded.title.endswith("…") and len(loaded.title) <= 201


PARAGRAPHS_PAGE = """<html><head><title>Council approves budget | The Town Crier</title></head><body><article>
<h1>Council approves budget</h1>
<p>The council voted on Tuesday to approve the budget after a debate that ran late into the evening.</p>
<p>Mayor Dana Reyes called the vote a <b>relief</b>.<br>She thanked the members for a year of work.</p>
<h2>What comes next</h2>
<ul><li>A review of the parks plan in the spring</li><li>New bus routes from July</li></ul>
<p>The budget takes effect in July, officials said, and the next review is due in the spring.</p>
</article></body></html>"""


def test_html_paragraphs_become_blank_line_separated_blocks(tmp_path: Path) -> None:
    loaded = load(_write(tmp_path, "budget.html", PARAGRAPHS_PAGE.encode("utf-8")))
    blocks = loaded.text.split("\n\n")
    assert blocks[0] == loaded.title == "Council approves budget"  # the heading, without the site name
    assert loaded.text.count("Council approves budget") == 1  # not repeated by the body's <h1>
    assert blocks[1].startswith("The council voted on Tuesday")
    assert blocks[2] == "Mayor Dana Reyes called the vote a relief.\nShe thanked the members for a year of work."
    assert blocks[3] == "What comes next"
    assert blocks[4] == "- A review of the parks plan in the spring\n- New bus routes from July"
    assert blocks[5].startswith("The budget takes effect in July")


def test_a_body_that_does_not_start_with_the_title_keeps_its_first_block(tmp_path: Path) -> None:
    page = PARAGRAPHS_PAGE.replace("<h1>Council approves budget</h1>", "")
    loaded = load(_write(tmp_path, "brief.html", page.encode("utf-8")))
    assert loaded.title.startswith("Council approves budget")
    assert loaded.text.startswith(f"{loaded.title}\n\nThe council voted on Tuesday")


def test_same_heading_allows_a_site_name_but_not_a_different_heading() -> None:
    from reader.sources import _same_heading

    assert _same_heading("Council approves budget", "Council approves budget — The Town Crier")
    assert _same_heading("Council  approves budget", "council approves budget")
    assert not _same_heading("Town news in brief", "Council approves budget")
    assert not _same_heading("Council approves budget\nand more", "Council approves budget")


def test_markdown_export_keeps_html_paragraphs_apart(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    from reader.export.markdown import export_markdown
    from reader.model import Article

    loaded = load(_write(tmp_path, "budget.html", PARAGRAPHS_PAGE.encode("utf-8")))
    article = Article(text=loaded.text, source=loaded.source, title=loaded.title, pipeline={"model": "none"})
    tokens = MarkdownIt().parse(export_markdown(article))
    paragraphs = [t for t in tokens if t.type == "paragraph_open"]
    assert len(paragraphs) >= 4  # one per page paragraph, not one merged block
