"""Read one YAML file into plain values, keeping the line of every value.

Scalars stay strings (no YAML 1.1 surprises: `no` is not False, `012` is not 10,
`350.000` is not 350.0, an empty value is ""); the model decides what each string means.

Values are built from the parser's events, with no recursion, so no file can exhaust the
stack or the memory: anchors, aliases and tags are refused before anything could expand
(the format needs none), and the limits below are checked as the events arrive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.error import Mark

from catalog.errors import Problem, path_text

# The limits of one UKM file, each far above what a real one needs (the sample's largest is 4 KB,
# 7 products, nesting 4 deep: file > produk > product > foto). The web form's packages are held to the
# same file size (catalog/submit/importer.py).
MAX_YAML_BYTES = 256 * 1024
MAX_DEPTH = 10
MAX_ITEMS = 200  # items of one list, keys of one `kunci: nilai` block
MAX_TEXT_CHARS = 10_000  # twice the model's longest field (cerita, deskripsi: 5,000), whose message is clearer

# PyYAML's messages are English; owners read Indonesian. Known ones get a plain hint.
_YAML_HINTS = {
    "mapping values are not allowed here": "ada titik dua (:) yang tidak pada tempatnya; "
    'jika teks memuat titik dua, apit teks dengan tanda kutip "..."',
    "found character '\\t' that cannot start any token": "tab tidak boleh dipakai; gunakan spasi untuk indentasi",
    "could not find expected ':'": "baris ini seharusnya berbentuk `kunci: nilai`",
    "did not find expected key": "indentasi tidak rata; samakan jumlah spasi dengan baris di atasnya",
    "did not find expected '-' indicator": "indentasi daftar tidak rata; setiap butir diawali `- ` sejajar",
    "found unexpected end of stream": "tanda kutip atau kurung belum ditutup",
    "found unknown escape character": "garis miring terbalik (\\) di dalam tanda kutip ganda; gunakan kutip tunggal",
    "found character that cannot start any token": "ada karakter yang tidak boleh mengawali nilai; "
    "apit nilai dengan tanda kutip",
}

_MESSAGES = {
    "too_big": "berkas lebih dari {limit} KB; persingkat teksnya",
    "encoding": "berkas harus disimpan sebagai teks UTF-8",
    "invisible": "ada karakter tak terlihat ({char}) di kolom {column}; hapus karakter itu "
    "(biasanya terbawa saat menyalin teks)",
    "empty": "berkas kosong",
    "two_documents": "YAML tidak valid, kolom {column}: berkas hanya boleh berisi satu dokumen "
    "(hapus baris `---` tambahan)",
    "anchor": "`&{name}` (jangkar YAML) tidak dipakai di format ini; hapus `&{name}` dan tulis nilainya saja",
    "alias": "`*{name}` (alias YAML) tidak dipakai di format ini; tulis nilainya langsung di sini",
    "tag": "`{tag}` (tag YAML) tidak dipakai di format ini; hapus `{tag}` dan tulis nilainya saja",
    "deep": "susunan terlalu dalam (lebih dari {limit} tingkat); periksa indentasi",
    "long_list": "daftar terlalu panjang (lebih dari {limit} butir)",
    "many_keys": "terlalu banyak kunci (lebih dari {limit})",
    "long_text": "teks terlalu panjang ({length} huruf, batas {limit})",
    "surrogate": "kode `\\u{code:04x}` bukan huruf yang bisa disimpan; tulis hurufnya langsung",
    "key_type": "kunci harus berupa teks biasa",
    "duplicate": "kunci `{key}` ditulis dua kali (pertama di baris {first}); hapus salah satunya",
}

# What YAML itself refuses to read, libyaml with an English message and no line: C0 and C1 control
# characters except tab and line breaks, lone surrogates, U+FFFE and U+FFFF. Also the line breaks YAML
# knows and editors do not show as such (pasted from a web page or a word processor): with them in a
# file, YAML's line numbers would not be the editor's. A double-quoted escape ("\x07") may still put
# any of them in a value: the web form writes what the owner typed that way, and it reads back as typed.
_INVISIBLE_IN_FILE = re.compile(f"{yaml.reader.Reader.NON_PRINTABLE.pattern}|[\x85\u2028\u2029]")
_UNPRINTABLE = re.compile(f"{yaml.reader.Reader.NON_PRINTABLE.pattern}|[\n\r\x85\u2028\u2029]")
_BREAKS = re.compile("\r\n|[\n\r]")  # YAML's and every editor's, in a file without the others
_SURROGATE = re.compile("[\ud800-\udfff]")  # half a character: no page or file can hold it


class _TooDeep(yaml.MarkedYAMLError):
    """Flow collections nested past MAX_DEPTH, found while scanning."""


class _PythonLoader(yaml.SafeLoader):
    """PyYAML's own parser, whose messages _YAML_HINTS knows, stopping at the nesting the format allows."""

    # Its look-ahead for keys costs time in proportion to the nesting of `[` and `{`, at every token.
    def fetch_flow_collection_start(self, TokenClass: type) -> None:
        if self.flow_level >= MAX_DEPTH:
            raise _TooDeep(problem="nested too deep", problem_mark=self.get_mark())
        super().fetch_flow_collection_start(TokenClass)


# libyaml's parser when PyYAML was built with it: the same events and marks, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", _PythonLoader)
_OPENERS = frozenset((yaml.SequenceStartEvent, yaml.MappingStartEvent))
_CLOSERS = frozenset((yaml.SequenceEndEvent, yaml.MappingEndEvent))
_STARTS = _OPENERS | {yaml.ScalarEvent, yaml.AliasEvent}


@dataclass
class Source:
    """A parsed YAML file: its values, the line of each value path, and its problems."""

    display: str
    data: object = None
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line(self, path: tuple) -> int | None:
        """Return the line of `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

    def problem(self, path: tuple, message: str) -> Problem:
        return Problem(self.display, self.line(path), one_line(path_text(path)), one_line(message))

    def refuse(self, line: int | None, path: tuple, message: str) -> None:
        """Report a problem at `line` (the parser's, not the nearest known value's)."""
        self.problems.append(Problem(self.display, line, one_line(path_text(path)), one_line(message)))


def one_line(text: str) -> str:
    """Keep a problem on one printable line, whatever an owner's key or value brought into it."""
    return _UNPRINTABLE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


def load_yaml(raw: bytes, display: str) -> Source:
    """Parse `raw` as one YAML document; every mistake becomes a problem with its line number."""
    source = Source(display)
    if len(raw) > MAX_YAML_BYTES:
        source.refuse(None, (), _MESSAGES["too_big"].format(limit=MAX_YAML_BYTES // 1024))
        return source
    text = _decode(raw, source)
    if text is None:
        return source
    try:
        _build(text, source, _LOADER)
    except yaml.YAMLError as exc:
        _reread(text, source, exc)
    return source


def _decode(raw: bytes, source: Source) -> str | None:
    """Return the text of `raw`, or None after reporting its first non-UTF-8 byte or invisible character."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        source.refuse(_line_at(raw[: exc.start].decode("utf-8-sig"), exc.start), (), _MESSAGES["encoding"])
        return None
    found = _INVISIBLE_IN_FILE.search(text)
    if found is None:
        return text
    source.problems.append(_invisible(text, found.start(), source.display))
    return None


def _invisible(text: str, position: int, display: str) -> Problem:
    line_start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    message = _MESSAGES["invisible"].format(char=_codepoint(text[position]), column=position - line_start + 1)
    return Problem(display, _line_at(text, position), "", message)


def _line_at(text: str, position: int) -> int:
    return sum(1 for _ in _BREAKS.finditer(text, 0, position)) + 1


def _codepoint(char: str) -> str:
    return f"U+{ord(char):04X}"


def _reread(text: str, source: Source, error: yaml.YAMLError) -> None:
    """Describe a syntax error in Indonesian, or keep the text if the pure-Python parser reads it after all."""
    # libyaml's error first: the pure-Python parser, whose messages _YAML_HINTS knows, reads the text again.
    if _LOADER is not _PythonLoader:
        python_error, read = _read_by_python(text, _mark_of(error), source.display)
        if python_error is None:
            source.data, source.lines, source.problems = read.data, read.lines, read.problems
            return
        error = python_error
    source.data, source.lines, source.problems = None, {}, [_syntax_problem(error, text, source.display)]


def _read_by_python(text: str, libyaml_mark: Mark | None, display: str) -> tuple[yaml.YAMLError | None, Source]:
    """Read `text` with the pure-Python parser; return its error, or what it read."""
    # It is some fifty times slower than libyaml, so it first reads only up to two lines past libyaml's
    # error: an error it finds by libyaml's line is the one it finds in the whole text, since what it
    # makes of a line never depends on the text two lines further on.
    if libyaml_mark is not None:
        ends = [m.end() for _, m in zip(range(libyaml_mark.line + 3), _BREAKS.finditer(text), strict=False)]
        if len(ends) == libyaml_mark.line + 3 and ends[-1] < len(text):
            try:
                _build(text[: ends[-1]], Source(display), _PythonLoader)
            except yaml.YAMLError as exc:
                mark = _mark_of(exc)
                if mark is not None and mark.line <= libyaml_mark.line:
                    return exc, Source(display)
    read = Source(display)
    try:
        _build(text, read, _PythonLoader)
    except yaml.YAMLError as exc:
        return exc, read
    return None, read


def _mark_of(error: yaml.YAMLError) -> Mark | None:
    return getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)


def _syntax_problem(error: yaml.YAMLError, text: str, display: str) -> Problem:
    mark = _mark_of(error)
    if isinstance(error, _TooDeep) and mark is not None:
        return Problem(display, mark.line + 1, "", _MESSAGES["deep"].format(limit=MAX_DEPTH))
    if isinstance(error, yaml.MarkedYAMLError):
        english = str(error.problem or error.context or "").strip()
        hint = next((v for k, v in _YAML_HINTS.items() if english.startswith(k)), None) or english
        if mark is None:
            return Problem(display, None, "", f"YAML tidak valid: {hint}")
        return Problem(display, mark.line + 1, "", f"YAML tidak valid, kolom {mark.column + 1}: {hint}")
    position = getattr(error, "position", None)  # a reader error: an invisible character, by its offset
    if isinstance(position, int) and 0 <= position < len(text):
        return _invisible(text, position, display)
    return Problem(display, None, "", f"YAML tidak valid: {error}")


_NO_KEY = object()  # a block awaiting its next key
_SKIP = object()  # a refused key: its value is read and dropped


@dataclass(slots=True)
class _Open:
    """A list or `kunci: nilai` block being read; `value` None: refused, read to its end and dropped."""

    value: list | dict | None
    path: tuple
    line: int
    count: int = 0
    key: object = _NO_KEY


def _build(text: str, source: Source, loader: type) -> None:
    """Turn the parser's events into values and lines; refuse what the format does not allow."""
    stack: list[_Open] = []
    documents = 0
    parser = loader(text)
    try:
        while (event := parser.get_event()) is not None:
            kind = type(event)  # exact types, checked often: the event classes have no subclasses
            if kind in _CLOSERS:
                done = stack.pop()
                _finish(stack, done.value, source)
            elif kind in _STARTS:
                _start(stack, event, kind, source)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line, column = _position(event)
                    source.refuse(line, (), _MESSAGES["two_documents"].format(column=column))
                    source.data = None
                    return
    finally:
        parser.dispose()
    if not documents:
        source.refuse(1, (), _MESSAGES["empty"])


def _position(event: yaml.Event) -> tuple[int, int]:
    """The line and column of an event, counted from 1 (the parser always marks them)."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _start(stack: list[_Open], event: yaml.NodeEvent, kind: type, source: Source) -> None:
    """Read the start of a value: a scalar or alias whole, or open a list or block."""
    line = _position(event)[0]
    parent = stack[-1] if stack else None
    if parent is not None and type(parent.value) is dict and parent.key is _NO_KEY:
        _read_key(parent, parent.value, event, line, source)
        if kind in _OPENERS:
            stack.append(_Open(None, parent.path, line))
        return
    if parent is None:
        path, keep = (), True
    elif parent.value is None:
        path, keep = parent.path, False
    elif type(parent.value) is list:
        path, keep = parent.path + (parent.count,), _counted(parent, "long_list", source)
    else:
        path, keep = parent.path + (parent.key,), parent.key is not _SKIP
    keep = _allowed(event, path, line, source) and keep
    if keep:
        if parent is None:
            source.lines[()] = line
        source.lines.setdefault(path, line)
    if kind in _OPENERS:
        if keep and len(stack) >= MAX_DEPTH:
            # Brackets nested too deep are refused by line alone, as libyaml (which stops at 1,000 levels)
            # and the pure-Python scanner (see _PythonLoader) do: the same message whichever parser read it.
            where = () if getattr(event, "flow_style", False) else path  # the openers' attribute
            source.refuse(line, where, _MESSAGES["deep"].format(limit=MAX_DEPTH))
            keep = False
        opened: list | dict | None = ([] if kind is yaml.SequenceStartEvent else {}) if keep else None
        stack.append(_Open(opened, path, line))
        return
    value = _text(event, path, line, source) if keep and isinstance(event, yaml.ScalarEvent) else None
    _finish(stack, value, source)


def _finish(stack: list[_Open], value: object, source: Source) -> None:
    """Put a finished value into the list or block it belongs to (or take it as the document)."""
    if not stack:
        source.data = value
        return
    parent = stack[-1]
    if parent.value is None:
        return
    if isinstance(parent.value, list):
        parent.value.append(value)
    elif parent.key is _NO_KEY:  # a list or block written as a key has ended
        parent.key = _SKIP
    else:
        if parent.key is not _SKIP:
            parent.value[parent.key] = value
        parent.key = _NO_KEY


def _read_key(block: _Open, entries: dict, event: yaml.NodeEvent, line: int, source: Source) -> None:
    """Take the next key of `block`; a refused key becomes _SKIP and its value is dropped."""
    allowed = _allowed(event, block.path, line, source)
    if type(event) in _OPENERS:
        source.problems.append(source.problem(block.path, _MESSAGES["key_type"]))
        return  # stays _NO_KEY until the list or block written as a key ends (see _finish)
    block.key = _SKIP
    if not isinstance(event, yaml.ScalarEvent) or not allowed or not _counted(block, "many_keys", source):
        return  # an alias (refused) or a refused key
    key = _text(event, block.path, line, source)
    if key is None:
        return
    path = block.path + (key,)
    if key in entries:
        source.refuse(line, path, _MESSAGES["duplicate"].format(key=key, first=source.lines[path]))
        return
    source.lines[path] = line
    block.key = key


def _counted(parent: _Open, limit_message: str, source: Source) -> bool:
    """Count one more item of `parent`; past the limit, refuse it once and drop the rest."""
    parent.count += 1
    if parent.count <= MAX_ITEMS:
        return True
    source.refuse(parent.line, parent.path, _MESSAGES[limit_message].format(limit=MAX_ITEMS))
    parent.value = None
    return False


def _allowed(event: yaml.NodeEvent, path: tuple, line: int, source: Source) -> bool:
    """Refuse anchors, aliases and tags: the format needs none, and aliases can multiply a file a billionfold."""
    if event.anchor is None and getattr(event, "tag", None) is None and type(event) is not yaml.AliasEvent:
        return True
    if isinstance(event, yaml.AliasEvent):
        source.refuse(line, path, _MESSAGES["alias"].format(name=event.anchor))
        return False
    ok = True
    if event.anchor is not None:
        source.refuse(line, path, _MESSAGES["anchor"].format(name=event.anchor))
        ok = False
    tag = event.tag if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) else None
    if tag is not None:
        source.refuse(line, path, _MESSAGES["tag"].format(tag=_short_tag(tag)))
        ok = False
    return ok


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _text(event: yaml.ScalarEvent, path: tuple, line: int, source: Source) -> str | None:
    """Return a scalar as the text it is, or None after refusing it."""
    # Empty, `~` and `null` stay text too, as libyaml always gave them: the model says what is wrong
    # with an empty value ("terlalu pendek") where an absent one would read as "harus berupa teks".
    value = event.value
    if len(value) > MAX_TEXT_CHARS:
        source.refuse(line, path, _MESSAGES["long_text"].format(length=len(value), limit=MAX_TEXT_CHARS))
        return None
    if found := _SURROGATE.search(value):  # an escape such as "\ud83d", the half of an emoji
        source.refuse(line, path, _MESSAGES["surrogate"].format(code=ord(found.group())))
        return None
    return value
