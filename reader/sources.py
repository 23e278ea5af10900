"""Turn what the user named (a file, a URL, `-`) into the exact text that gets analysed.

For .txt/.md the text is the file's content with only a BOM removed and CRLF/CR turned into LF:
offsets must point into what the user has. HTML (files and URLs) becomes title, blank line, body.
Every failure is a `SourceError` whose message is one line fit for stderr.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reader.config import DEFAULT_MAX_BYTES
from reader.errors import InputError, NetworkError

URL_TIMEOUT_SECONDS = 15.0
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
USER_AGENT = "reader/0.1 (+terminal news reader)"


class SourceError(InputError):
    """A source that cannot be read; str() is a one-line message for the user."""


class FetchError(SourceError, NetworkError):
    """A URL that cannot be fetched (refused, timed out, an HTTP error, not an article)."""


@dataclass
class LoadedText:
    """The analysable text of one source plus where it came from."""

    text: str
    source: str
    title: str
    published: str | None = None  # the page's publication date (HTML metadata), when it gives one


def decode_bytes(data: bytes) -> str:
    """Decode a whole file: UTF-8 (with or without BOM), UTF-16 with BOM, then cp1252, then latin-1.

    NUL bytes without a UTF-16 BOM mean the data is binary, which raises SourceError.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_utf8(data[3:])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError(f"invalid UTF-16 text ({exc.reason} at byte {exc.start})") from None
    if b"\x00" in data:
        raise SourceError("looks like a binary file (it contains NUL bytes), not an article")
    return _decode_utf8(data)


def _decode_utf8(data: bytes) -> str:
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else in the text changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


TITLE_MAX_CHARS = 200


def first_line_title(text: str) -> str:
    """The title of a plain-text article: its first non-blank line, stripped, cut to a readable length."""
    for line in text.split("\n", 50):
        line = line.strip()
        if line:
            if len(line) <= TITLE_MAX_CHARS:
                return line
            cut = line[:TITLE_MAX_CHARS].rsplit(" ", 1)[0] or line[:TITLE_MAX_CHARS]
            return cut.rstrip() + "…"
    return ""


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def load(arg: str, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
    """Load a path, an http(s) URL, or `-` (stdin) into analysable text."""
    if arg == "-":
        return _from_bytes(_read_limited(sys.stdin.buffer, max_bytes, "standard input"), "-", html=False)
    if is_url(arg):
        return _load_url(arg, max_bytes)
    return _load_path(Path(arg), max_bytes)


def _load_path(path: Path, max_bytes: int) -> LoadedText:
    return from_file_bytes(read_file(path, max_bytes), str(path))


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of an article file (within the size limit), read where the file is: a batch client
    reads them for workers on other machines, which decode them with `from_file_bytes`."""
    name = str(path)
    try:
        if path.is_dir():
            raise SourceError(f"{name} is a directory, not an article")
        size = path.stat().st_size
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file") from None
    except PermissionError:
        raise SourceError(f"{name}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise SourceError(f"{name} is {megabytes(size)}, above the {megabytes(max_bytes)} limit "
                          "(raise max_bytes in the config to read it)")
    try:
        with path.open("rb") as handle:
            return _read_limited(handle, max_bytes, name)
    except PermissionError:
        raise SourceError(f"{name}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None


def from_file_bytes(data: bytes, name: str) -> LoadedText:
    """The analysable text of a file's bytes; `name` is its path (its suffix says whether it is HTML)."""
    return _from_bytes(data, name, html=Path(name).suffix.lower() in HTML_SUFFIXES)


def _read_limited(handle: BinaryIO, max_bytes: int, name: str) -> bytes:
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(f"{name} is larger than the {megabytes(max_bytes)} limit")
    return data


def _from_bytes(data: bytes, source: str, html: bool, charset: str | None = None) -> LoadedText:
    label = "standard input" if source == "-" else source
    text = _decode_with_charset(data, charset) if charset else decode_bytes(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if html:
        return _from_html(text, source)
    text = normalise_newlines(text)
    if not text.strip():
        raise SourceError(f"{label} is empty: there is no text to read")
    return LoadedText(text=text, source=source, title=first_line_title(text))


def _decode_with_charset(data: bytes, charset: str) -> str:
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and "16" not in charset:
        raise SourceError("looks like binary data (it contains NUL bytes), not an article")
    try:
        return data.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return decode_bytes(data)


def _from_html(markup: str, source: str) -> LoadedText:
    """Title and main text of an HTML page, joined as DESIGN section 2 says: title, blank line, body.

    The body keeps the page's paragraphs as blank-line-separated blocks (the text model's
    paragraphs, which chunking and Markdown export rely on); a first heading that repeats the
    title is not repeated in the body.
    """
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a broken install
        raise SourceError(f"cannot read HTML: the trafilatura package failed to import ({exc})") from None
    xml = trafilatura.extract(markup, output_format="xml", include_comments=False, include_tables=False,
                              favor_recall=True)
    metadata = trafilatura.extract_metadata(markup)
    title = " ".join((metadata.title if metadata is not None and metadata.title else "").split())
    blocks = html_blocks(xml) if xml else []
    if blocks and title and _same_heading(blocks[0], title):
        title = blocks.pop(0)  # the page's own heading, without the site name a <title> may add
    body = "\n\n".join(blocks)
    if not body.strip():
        raise SourceError(f"{source}: no article text found in the page")
    text = f"{title}\n\n{body}" if title else body
    published = metadata.date if metadata is not None and metadata.date else None
    return LoadedText(text=text, source=source, title=title or first_line_title(body), published=published)


# trafilatura's XML: block elements of the main text, and the inline ones that break a line.
_BLOCKS = {"p", "head", "quote", "list", "item", "code", "table", "row", "cell"}
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")


def html_blocks(xml: str) -> list[str]:
    """The paragraphs of trafilatura's XML output, in order: headings, paragraphs, quotes, list items
    (one per line, `- ` first, as one block), each with its whitespace runs made single spaces and
    `<lb/>` kept as a line break."""
    from lxml import etree

    try:
        root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True, huge_tree=True))
    except etree.XMLSyntaxError:
        return []
    main = root.find("main") if root is not None else None
    if main is None:
        return []
    blocks: list[str] = []
    for element in main:
        if element.tag == "list":
            items = [_inline_text(item) for item in element.iter("item")]
            block = "\n".join(f"- {item}" for item in items if item)
        else:
            block = _inline_text(element)
        if block:
            blocks.append(block)
    return blocks


def _inline_text(element: Any) -> str:
    """An element's text with `<lb/>` (and nested blocks) as line breaks, spaces collapsed per line."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child.tag == "lb" or child.tag in _BLOCKS:
                parts.append("\n")
            if child.tag != "lb":
                walk(child)
            if child.tag in _BLOCKS:
                parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _same_heading(block: str, title: str) -> bool:
    """True when the body's first block is the title, or the title is it plus a site name."""
    heading = " ".join(block.split()).casefold()
    title = title.casefold()
    if "\n" in block or not heading:
        return False
    return heading == title or any(title.startswith(heading + sep) or title.endswith(sep + heading)
                                   for sep in _TITLE_SEPARATORS)


def _load_url(url: str, max_bytes: int) -> LoadedText:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain"})
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT_SECONDS) as response:
            content_type = response.headers.get_content_type()
            charset = response.headers.get_content_charset()
            data = _read_limited(response, max_bytes, url)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        raise FetchError(f"{url}: cannot fetch ({getattr(reason, 'strerror', None) or reason})") from None
    except TimeoutError:
        raise FetchError(f"{url}: timed out after {URL_TIMEOUT_SECONDS:.0f} s") from None
    except OSError as exc:
        raise FetchError(f"{url}: cannot fetch ({exc})") from None
    if content_type not in ("text/html", "application/xhtml+xml", "text/plain", "text/markdown"):
        raise FetchError(f"{url}: not an article (the server sent {content_type})")
    return _from_bytes(data, url, html=content_type != "text/plain" and content_type != "text/markdown",
                       charset=charset)


def megabytes(size: int) -> str:
    """A size as users read limits: `20.0 MB`."""
    return f"{size / (1024 * 1024):.1f} MB"
