"""Read one YAML file into plain values, keeping the line of every value.

Scalars stay strings (no YAML 1.1 surprises: `no` is not False, `012` is not 10,
`350.000` is not 350.0); the model decides what each string means.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from catalog.errors import Problem, path_text

# PyYAML's messages are English; owners read Indonesian. Known ones get a plain hint.
_YAML_HINTS = {
    "mapping values are not allowed here": "ada titik dua (:) yang tidak pada tempatnya; "
    "jika teks memuat titik dua, apit teks dengan tanda kutip \"...\"",
    "found character '\\t' that cannot start any token": "tab tidak boleh dipakai; gunakan spasi untuk indentasi",
    "could not find expected ':'": "baris ini seharusnya berbentuk `kunci: nilai`",
    "did not find expected key": "indentasi tidak rata; samakan jumlah spasi dengan baris di atasnya",
    "did not find expected '-' indicator": "indentasi daftar tidak rata; setiap butir diawali `- ` sejajar",
    "found unexpected end of stream": "tanda kutip atau kurung belum ditutup",
    "found unknown escape character": "garis miring terbalik (\\) di dalam tanda kutip ganda; gunakan kutip tunggal",
    "expected a single document in the stream": "berkas hanya boleh berisi satu dokumen (hapus baris `---` tambahan)",
    "found undefined alias": "alias (*) tidak dikenal",
    "found character that cannot start any token": "ada karakter yang tidak boleh mengawali nilai; apit nilai dengan tanda kutip",
}


# libyaml's parser when PyYAML was built with it: the same nodes and marks, several times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError:
        if _LOADER is yaml.SafeLoader:
            raise
    # A mistake: parse again with the pure-Python parser, whose messages _YAML_HINTS knows.
    return yaml.compose(text, Loader=yaml.SafeLoader)


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
        return Problem(self.display, self.line(path), path_text(path), message)


def load_yaml(raw: bytes, display: str) -> Source:
    """Parse `raw` as one YAML document; syntax errors become problems with line numbers."""
    source = Source(display)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        source.problems.append(Problem(display, line, "", "berkas harus disimpan sebagai teks UTF-8"))
        return source
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        english = str(exc.problem or exc.context or "").strip()
        hint = next((v for k, v in _YAML_HINTS.items() if english.startswith(k)), None)
        message = f"YAML tidak valid, kolom {mark.column + 1}: " + (hint or f"{english}")
        source.problems.append(Problem(display, mark.line + 1 if mark else None, "", message))
        return source
    except yaml.YAMLError as exc:  # reader errors (control characters) carry no mark
        source.problems.append(Problem(display, None, "", f"YAML tidak valid: {exc}"))
        return source
    if node is None:
        source.problems.append(Problem(display, 1, "", "berkas kosong"))
        return source
    source.lines[()] = node.start_mark.line + 1
    source.data = _value(node, (), source)
    return source


def _value(node: yaml.Node, path: tuple, source: Source) -> object:
    source.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in ("", "~", "null", "Null", "NULL"):
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_value(item, path + (i,), source) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                source.problems.append(source.problem(path, "kunci harus berupa teks biasa"))
                continue
            key = key_node.value
            if key in result:
                first = source.lines[path + (key,)]
                source.problems.append(
                    Problem(source.display, key_node.start_mark.line + 1, path_text(path + (key,)),
                            f"kunci `{key}` ditulis dua kali (pertama di baris {first}); hapus salah satunya")
                )
                continue
            source.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _value(value_node, path + (key,), source)
        return result
    raise TypeError(f"unexpected YAML node {node!r}")
