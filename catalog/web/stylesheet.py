"""Cut stylesheets down to the rules one page can use, at build time (what PurgeCSS does, in Python).

A selector stays when every class, id, tag and attribute it names occurs in the page: outside `:not()`,
`:is()` and other functional pseudo-classes, and whatever the state (`:hover`, `:checked`, `::before` are
ignored), so a rule that could ever apply is kept. A page that loads scripts also counts every word in their
strings (they draw cards and set states). Rules inside `@media` and `@supports` are cut the same way; other
at-rules are kept whole. Custom properties that nothing refers to are dropped. Stylesheets are parsed with
tinycss2 (Kozea's CSS tokenizer, also used by WeasyPrint).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2

from catalog import cache as memo
from catalog.resources import PACKAGE_DIR

# What a parsed stylesheet kept between builds is made by: this code and the CSS tokenizer.
PARSING = memo.Depends((PACKAGE_DIR,), ("tinycss2",))
# Tokens: ".class", "#id", "tag", "@attribute", "@attribute=value", "var:--name" (a custom property used).
_FUNCTIONAL = re.compile(r":{1,2}[-\w]+\([^()]*\)")
_PSEUDO = re.compile(r":{1,2}[-\w]+")
_ATTRIBUTE_VALUE = re.compile(r"""\[\s*([-\w]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([-\w]+))\s*(?:[is]\s*)?\]""")
_ATTRIBUTE = re.compile(r"\[\s*([-\w]+)[^\]]*\]")
_NAME = re.compile(r"([.#])?(-?[_a-zA-Z][-\w]*)")
_VAR = re.compile(r"var\(\s*(--[-\w]+)")
_CUSTOM_PROPERTY = re.compile(r"""([{;])(--[-\w]+):(?:[^;{}"']|"[^"]*"|'[^']*')*(?=[;}])""")
# Pages are read as the theme and our templates write them: attribute values in double quotes.
_HTML_START_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_HTML_TAG = re.compile(r"<([a-zA-Z][-\w]*)")
_HTML_ATTRIBUTE = re.compile(r"""\s([a-z][-\w:]*)(?:="([^"]*)")?(?=[\s/>])""")
_HTML_CLASS = re.compile(r'\sclass="([^"]*)"')
_HTML_ID = re.compile(r'\sid="([^"]*)"')
_JS_STRING = re.compile(r""""((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`([^`]*)`""")
_WORD = re.compile(r"-?[_a-zA-Z][-\w]*")
_DATASET = re.compile(r"\bdataset\.([a-zA-Z]\w*)")
_PROPERTY = re.compile(r"\.([a-zA-Z]\w*)\s*=(?!=)")


def needs(selector: str) -> frozenset[str]:
    """Return the tokens a page must hold for `selector` to match some element in some state."""
    while True:  # innermost first: `:not(:is(.a))`
        simpler = _FUNCTIONAL.sub("", selector)
        if simpler == selector:
            break
        selector = simpler
    selector = _PSEUDO.sub("", selector)
    tokens = {f"@{m[1].lower()}={m[2] or m[3] or m[4] or ''}" for m in _ATTRIBUTE_VALUE.finditer(selector)}
    tokens |= {f"@{m[1].lower()}" for m in _ATTRIBUTE.finditer(selector)}
    for kind, name in _NAME.findall(_ATTRIBUTE.sub(" ", selector)):
        tokens.add(kind + name if kind else name.lower())
    return frozenset(tokens)


def page_tokens(html: str) -> set[str]:
    """Return the tokens an HTML page holds: its tags, classes, ids, attributes and the custom properties it uses."""
    # `open` is set by the visitor (a <details> opened), never in the page as written.
    tokens = {"html", "body", "head", "@open"}
    # The start tags alone: texts hold nothing a selector names. Pages of a site share most of their tags
    # (the theme's header, navigation and footer), so each distinct tag is read once per process.
    for tag in set(_HTML_START_TAG.findall(html)):
        found = _TAG_TOKENS.get(tag)
        if found is None:
            found = _tag_tokens(tag)
            if len(_TAG_TOKENS) < _TAG_MEMO_SIZE:
                _TAG_TOKENS[tag] = found
        tokens |= found
    return tokens


_TAG_TOKENS: dict[str, frozenset[str]] = {}
_TAG_MEMO_SIZE = 100_000  # distinct tags kept (the memory of ~100 MB at most); past this, read every time


def _tag_tokens(tag: str) -> frozenset[str]:
    """The tokens of one start tag."""
    tokens = {tag_name.lower() for tag_name in _HTML_TAG.findall(tag)}
    for name, value in _HTML_ATTRIBUTE.findall(tag):
        tokens.add("@" + name)
        if len(value) < 40:  # longer values (texts, addresses) are never matched by a selector
            tokens.add(f"@{name}={value}")
    for value in _HTML_CLASS.findall(tag):
        tokens.update("." + c for c in value.split())
    tokens.update("#" + value for value in _HTML_ID.findall(tag))
    tokens.update("var:" + name for name in _VAR.findall(tag))
    return frozenset(tokens)


def script_tokens(script: str) -> set[str]:
    """Return the tokens a script may add to a page: each word of its strings as a class, tag, id or attribute."""
    tokens = {"var:" + name for name in _VAR.findall(script)}
    tokens.update("@" + name.lower() for name in _PROPERTY.findall(script))  # el.hidden = true sets hidden
    for name in _DATASET.findall(script):  # el.dataset.fooBar sets data-foo-bar
        tokens.add("@data-" + re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(), name))
    for groups in _JS_STRING.findall(script):
        for word in _WORD.findall("".join(groups)):
            tokens.update(
                (f".{word}", f"#{word}", word.lower(), f"@{word.lower()}", f"@data-{word.lower()}", f"@*={word}")
            )
    return tokens


def _present(token: str, tokens: set[str] | frozenset[str]) -> bool:
    if token in tokens:
        return True
    if token.startswith("@") and "=" in token:  # a value a script sets on any attribute
        return "@*=" + token.split("=", 1)[1] in tokens
    return False


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return parts


class Stylesheet:
    """A stylesheet parsed once, cut for one page after another (pages alike share their cut)."""

    def __init__(self, css: str, parsed: tuple[list, set[str]] | None = None):
        """`parsed`: the `rules` and `relevant` of an earlier parse of `css`."""
        if parsed is None:
            self.rules = self._compile(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
            self.relevant: set[str] = set()  # every token some selector needs: a page's other tokens change nothing
            self._collect(self.rules)
        else:
            self.rules, self.relevant = parsed
        self.cuts: dict[frozenset[str], str] = {}

    def _compile(self, nodes: Iterable) -> list:
        rules: list = []
        for node in nodes:
            if node.type == "qualified-rule":
                selectors = [(s, needs(s)) for s in _split_selectors(tinycss2.serialize(node.prelude))]
                rules.append(("rule", selectors, tinycss2.serialize(node.content).strip()))
            elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports") and node.content:
                inner = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
                prelude = tinycss2.serialize(node.prelude).strip()
                rules.append(("group", f"@{node.lower_at_keyword} {prelude}", self._compile(inner)))
            elif node.type == "at-rule":
                rules.append(("keep", tinycss2.serialize([node]).strip()))
        return rules

    def _collect(self, rules: list) -> None:
        for rule in rules:
            if rule[0] == "rule":
                self.relevant.update(token for _, needed in rule[1] for token in needed)
                self.relevant.update("@*=" + t.split("=", 1)[1] for _, n in rule[1] for t in n if "=" in t)
            elif rule[0] == "group":
                self._collect(rule[2])

    def cut(self, tokens: set[str] | frozenset[str]) -> str:
        """Return the rules a page holding `tokens` can use."""
        key = frozenset(tokens & self.relevant)
        found = self.cuts.get(key)
        if found is None:
            found = self.cuts[key] = "".join(self._cut(self.rules, key))
        return found

    def _cut(self, rules: list, tokens: frozenset[str]) -> list[str]:
        out = []
        for rule in rules:
            if rule[0] == "rule":
                kept = [s for s, needed in rule[1] if all(_present(t, tokens) for t in needed)]
                if kept:
                    out.append(",".join(kept) + "{" + rule[2] + "}")
            elif rule[0] == "group":
                inner = self._cut(rule[2], tokens)
                if inner:
                    out.append(rule[1] + "{" + "".join(inner) + "}")
            else:
                out.append(rule[1])
        return out


def prune_custom_properties(css: str, used: Iterable[str] = ()) -> str:
    """Drop `--name: value` declarations that neither `css` nor `used` (names) refer to, and rules left empty."""
    used = set(used)
    while True:  # a custom property may be used only by another one that goes
        referred = used | set(_VAR.findall(css))
        pruned = _CUSTOM_PROPERTY.sub(lambda m, referred=referred: m[0] if m[2] in referred else m[1], css)
        pruned = re.sub(r"\{;+", "{", re.sub(r";{2,}", ";", pruned))
        pruned = re.sub(r"(^|[{}])[^{}]+\{\}", r"\1", pruned)  # a rule, or a group, left empty
        if pruned == css:
            return css
        css = pruned


class PageStyles:
    """The stylesheets and scripts of a site, each read and parsed once; a page's cut of its stylesheets."""

    def __init__(self, kept: memo.Store | None = None) -> None:
        self.kept = kept  # stylesheets parsed by earlier builds, by a digest of their text (parsing took 0.5 s)
        self.sheets: dict[Path, Stylesheet] = {}
        self.scripts: dict[Path, set[str]] = {}
        self.made: dict[tuple, str] = {}
        self.relevant: dict[tuple, set[str]] = {}  # stylesheets -> every token their selectors need

    def inline(self, html: str, stylesheets: list[Path], scripts: list[Path]) -> str:
        """Return the CSS of `stylesheets` that the page `html`, running `scripts`, can use (in their order)."""
        tokens = page_tokens(html)
        for path in scripts:
            if path not in self.scripts:
                self.scripts[path] = script_tokens(path.read_text(encoding="utf-8"))
            tokens |= self.scripts[path]
        for path in stylesheets:
            if path not in self.sheets:
                self.sheets[path] = self._parse(path.read_text(encoding="utf-8"))
        sheets = tuple(stylesheets)
        if sheets not in self.relevant:
            self.relevant[sheets] = set().union(*(self.sheets[path].relevant for path in sheets))
        used = frozenset(tokens & self.relevant[sheets]) | {t for t in tokens if t.startswith("var:")}
        key = (sheets, used)
        if key not in self.made:
            css = "".join(self.sheets[path].cut(tokens) for path in stylesheets)
            self.made[key] = prune_custom_properties(css, (t[4:] for t in used if t.startswith("var:")))
        return self.made[key]

    def _parse(self, css: str) -> Stylesheet:
        if self.kept is None:
            return Stylesheet(css)
        key = memo.key(css)
        parsed = self.kept.get(key)
        sheet = Stylesheet(css, parsed)
        if parsed is None:
            self.kept.put(key, (sheet.rules, sheet.relevant))
        return sheet

    def save(self) -> None:
        """Keep the stylesheets this build parsed or used; none used (no page was wrapped): keep the old ones."""
        if self.kept is not None and self.sheets:
            self.kept.save()
