"""Hostile identifiers: names, laws, block ids, kinds and texts full of markup must render
as inert text on every page of the site."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers.html_checks import check_links, parse_strict
from helpers.html_docs import (
    IMG,
    MISSING,
    QUOTES,
    SCRIPT,
    block,
    hostile_proofs,
    hyps,
    step,
    theorem,
)

from export.html import slug, write_site
from gl.errors import InputError

ALLOWED_SCRIPTS = {"../static/gl.js", "../data/theory.js", "static/gl.js", "data/theory.js"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    write_site(hostile_proofs(), out)
    return out


def test_file_names_are_safe(site):
    names = sorted(p.name for p in (site / "thm").iterdir())
    assert names == sorted(f"{slug(n)}.html" for n in (SCRIPT, QUOTES, IMG))
    assert all(set(n) <= set("abcdefghijklmnopqrstuvwxyz0123456789_-.") for n in names)


def test_no_page_gains_markup_scripts_or_handlers(site):
    for f in sorted(site.rglob("*.html")):
        tree = parse_strict(f.read_text(encoding="utf-8"))
        for e in tree.iter():
            assert not [k for k in e.attrib if k.lower().startswith("on")], (f, e.tag, e.attrib)
            assert not isinstance(e.tag, str) or e.tag.rsplit("}", 1)[-1] not in {"img", "i", "u", "iframe"}
        assert not [a for a in tree.iter("a") if "javascript" in (a.get("href") or "")]
        assert {s.get("src") for s in tree.iter("script")} <= ALLOWED_SCRIPTS, f
        assert len(list(tree.iter("{http://www.w3.org/2000/svg}svg"))) <= 1


def _text(tree) -> str:
    return "".join(tree.itertext())


def test_hostile_text_is_shown_verbatim(site):
    page = parse_strict((site / "thm" / f"{slug(SCRIPT)}.html").read_text(encoding="utf-8"))
    assert page.find(".//h1").text == SCRIPT
    assert page.find(".//title").text.startswith(SCRIPT)
    text = _text(page)
    assert QUOTES in text and f"</table>{SCRIPT}" in text and "a < b = c" in text
    assert "<svg onload=alert(3)>" in text and IMG in text
    other = parse_strict((site / "thm" / f"{slug(QUOTES)}.html").read_text(encoding="utf-8"))
    assert other.find(".//h1").text == QUOTES
    links = [(a.get("href"), "".join(a.itertext())) for a in other.iter("a")]
    assert (f"{slug(SCRIPT)}.html", SCRIPT) in links
    assert f"{MISSING} (not in this file)" in _text(other)
    third = _text(parse_strict((site / "thm" / f"{slug(IMG)}.html").read_text(encoding="utf-8")))
    assert f"gave up: {SCRIPT} & {IMG}" in third
    for name in ("index.html", "rules.html", "graph.html"):
        text = _text(parse_strict((site / name).read_text(encoding="utf-8")))
        assert SCRIPT in text and QUOTES in text, name


def test_graph_and_data_script_keep_names_as_data(site):
    tree = parse_strict((site / "graph.html").read_text(encoding="utf-8"))
    names = [a.get("data-name") for a in tree.iter("{http://www.w3.org/2000/svg}a")]
    assert names == [SCRIPT, QUOTES, IMG]
    data = (site / "data" / "theory.js").read_text(encoding="utf-8")
    assert "<" not in data and "\\u003cscript" in data


def test_links_between_hostile_pages_resolve(site):
    assert check_links(site) > 20


# --- one hostile value per path by which the export turns document data into markup ---

PAYLOAD = '</script><script>alert(1)</script><img src=x onerror=alert(2)>\'"&javascript:alert(3)'
ESCAPED = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x"
IN_JS = "\\u003c/script>\\u003cscript>alert(1)"
# MPL identifiers cannot hold letters after `<`, but `</` with a symbol after it opens a
# bogus comment in HTML; each payload marks one position of an equality step
SYM, SYM_MARKED, SYM_PRED = "</'", "</?'", "</.'"
# what no output file may contain: a tag from the payload or `</` not closing a tag
RAW = re.compile(r"<script>|<img|</[^a-zA-Z]")
STATEMENT = "(>[x](in[x,N])(in[x,N]))"


def _doc(*theorems: dict[str, Any], **top: Any) -> dict[str, Any]:
    theory = {"constants": ["N"], "inductions": [], "definitions": [],
              "axioms": [{"index": 0, "clause": "∀x: (in[x,N]) ⇒ (in[x,N])"}]}
    return {"schema": "gl.proofs/1", "source": "t.mpl", "theory": theory,
            "theorems": list(theorems), **top}


def _thm(name: str = "t", statement: str = STATEMENT, steps: list[dict[str, Any]] | None = None,
         **block_fields: Any) -> dict[str, Any]:
    fields = {"bid": "t/main", "role": "main", "claim": statement, "fresh": {"x": "x"}, **block_fields}
    steps = steps if steps is not None else hyps("(in[x,N])")
    return theorem(name, statement, "direct", [block(steps=steps, **fields)])


def _cites(name: str, by: str = "u") -> dict[str, Any]:
    """A theorem `by` whose step uses theorem `name`."""
    return theorem(by, STATEMENT, "direct", [block(f"{by}/main", "main", STATEMENT, {"x": "x"}, [
        *hyps("(in[x,N])"),
        step(2, "rule", "(in[x,N])", (1,), 1, rule={"theorem": name, "clause": 0}, subst={"x": "x"}),
    ])], cites=(name,))


def _set(path: tuple[Any, ...], value: Any):
    def edit(doc: dict[str, Any]) -> dict[str, Any]:
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return doc
    return edit


def _defined(name: str, mpl: str) -> dict[str, Any]:
    """A document defining `name` (body `mpl`) and a theorem whose step unfolds it."""
    doc = _set(("theory", "definitions"), [{"name": name, "params": [name], "mpl": mpl}])(_doc(_thm()))
    return _set((*S1, "definition"), name)(doc)


def _eq_subst() -> dict[str, Any]:
    """An equality step whose predicate, marked and unmarked arguments all need escaping."""
    facts = (f"(=[x,{SYM_MARKED}])", f"({SYM_PRED}[x,x,{SYM}])")
    return _thm(steps=[*hyps(*facts), step(3, "eq_subst", f"({SYM_PRED}[{SYM_MARKED},x,{SYM}])", (1, 2), 1)])


T0 = ("theorems", 0)
B0 = (*T0, "proof", "blocks", 0)
S1 = (*B0, "steps", 0)
PATHS: dict[str, tuple[dict[str, Any], str]] = {
    # theorem names: h1, title, index, pager (both ways), graph (label, title, data-name,
    # datalist), the neighbourhood URL, citations, used-by links and rule-step references
    "theorem name and its citations": (_doc(_thm("first"), _cites("first", by=PAYLOAD), _cites(PAYLOAD)),
                                       ESCAPED),
    "missing citation": (_doc(theorem("t", STATEMENT, None, None, cites=(PAYLOAD,))), ESCAPED),
    "follows_from, present and missing": (_doc(_thm(PAYLOAD), theorem(
        "u", STATEMENT, None, None, follows_from=(PAYLOAD, f"{PAYLOAD} gone"))), ESCAPED),
    "reason": (_doc(theorem("t", STATEMENT, None, None, reason=PAYLOAD)), ESCAPED),
    "unparsable statement": (_set((*T0, "statement"), PAYLOAD)(_doc(_thm())), ESCAPED),
    "unparsable claim": (_doc(_thm(claim=PAYLOAD)), ESCAPED),
    "unparsable step fact": (_set((*S1, "fact"), PAYLOAD)(_doc(_thm())), ESCAPED),
    "block id": (_doc(_thm(bid=PAYLOAD)), ESCAPED),
    "block role (title, anchors)": (_doc(_thm(role=PAYLOAD)), ESCAPED),
    "fresh constants": (_doc(_thm(fresh={PAYLOAD: PAYLOAD})), ESCAPED),
    "step kind": (_set((*S1, "kind"), PAYLOAD)(_doc(_thm())), ESCAPED),
    "hypothesis index": (_set((*S1, "index"), PAYLOAD)(_doc(_thm())), ESCAPED),
    "rule clause": (_set((*S1, "rule"), {"axiom": 0, "clause": PAYLOAD})(_doc(_thm())), ESCAPED),
    "subst": (_set((*S1, "subst"), {PAYLOAD: PAYLOAD})(_doc(_thm())), ESCAPED),
    "definition name, params, unparsable mpl; a step unfolding it": (_defined(PAYLOAD, PAYLOAD), ESCAPED),
    "axiom clause": (_set(("theory", "axioms"), [{"index": 0, "clause": f"∀x: {PAYLOAD} ⇒ (in[x,N])"}])(
        _doc(_thm())), ESCAPED),
    "constants and inductions": (_doc(_thm(), theory={
        "constants": [PAYLOAD], "inductions": [{"set": PAYLOAD, "base": PAYLOAD, "succ": PAYLOAD}]}), ESCAPED),
    "settings and stages": (_doc(_thm(), settings={PAYLOAD: PAYLOAD}, stages={PAYLOAD: PAYLOAD}), ESCAPED),
    "version and source": (_doc(_thm(), gl_version=PAYLOAD, source=PAYLOAD), ESCAPED),
    "induction variable and principle": (_set((*T0, "proof"), {
        "method": "induction", "variable": PAYLOAD, "induction": {"set": PAYLOAD},
        "blocks": [block("t/main", "main", STATEMENT, {"x": "x"}, hyps("(in[x,N])"))]})(_doc(_thm())), ESCAPED),
    "readable form of a symbol statement": (_doc(
        _thm(statement=f"(>[x](in[x,{SYM}])(in[x,{SYM}]))", steps=hyps(f"(in[x,{SYM}])")), _cites("t")),
        "x ∈ &lt;/&#39;"),
    "symbol variables": (_doc(_thm(statement=f"(>[{SYM}](in[{SYM},N])(in[{SYM},N]))", fresh={SYM: SYM},
                                   steps=hyps(f"(in[{SYM},N])"))), "&lt;/&#39; ∈ N"),
    "equality step marks": (_doc(_eq_subst()), "<mark>&lt;/?&#39;</mark>"),
}


def _written(doc: dict[str, Any], out: Path) -> str:
    write_site(doc, out)
    return "".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*")) if p.is_file())


def assert_inert(site: Path) -> None:
    """No page of `site` has markup, scripts or event handlers that the export did not put
    there, and every link stays on the site and resolves."""
    for f in sorted(site.rglob("*.html")):
        tree = parse_strict(f.read_text(encoding="utf-8"))
        for e in tree.iter():
            assert not [k for k in e.attrib if k.lower().startswith("on")], (f, e.tag, e.attrib)
            assert not isinstance(e.tag, str) or e.tag.rsplit("}", 1)[-1] not in {"img", "i", "u", "iframe"}
        assert {s.get("src") for s in tree.iter("script")} <= ALLOWED_SCRIPTS, f
    check_links(site)


@pytest.mark.parametrize("path", list(PATHS))
def test_hostile_value_is_escaped_on_its_path(path, tmp_path):
    doc, escaped = PATHS[path]
    out = _written(doc, tmp_path)
    assert not RAW.findall(out), RAW.findall(out)
    assert escaped in out or IN_JS in out, "the payload did not reach the output"
    assert_inert(tmp_path)


def test_graph_link_carries_the_whole_name(tmp_path):
    write_site(PATHS["theorem name and its citations"][0], tmp_path)
    tree = parse_strict((tmp_path / "thm" / f"{slug(PAYLOAD)}.html").read_text(encoding="utf-8"))
    link = [a.get("href") for a in tree.iter("a") if a.text == "in the graph"][0]
    assert parse_qs(urlsplit(link).query) == {"focus": [PAYLOAD], "depth": ["2"]}


def test_a_name_never_becomes_a_link_scheme(tmp_path):
    name = "javascript:alert(3)"
    doc = _defined(name, "(in[x,N])")
    doc["theorems"] += [_thm(name), _cites(name)]
    write_site(doc, tmp_path)
    for f in sorted(tmp_path.rglob("*.html")):
        hrefs = [e.get("href") for e in parse_strict(f.read_text(encoding="utf-8")).iter() if e.get("href")]
        assert not [h for h in hrefs if urlsplit(h).scheme not in ("", "data")], f
    check_links(tmp_path)


@pytest.mark.parametrize("field", ["readable", "law", "origin", "method", "status"])
def test_presentation_fields_are_never_shown(field, tmp_path):
    doc = _doc(_thm())
    doc["theorems"][0][field] = PAYLOAD
    doc["theory"]["definitions"] = [{"name": "d", "params": [], "mpl": "(in[x,N])", "readable": PAYLOAD}]
    out = _written(doc, tmp_path)
    assert "alert" not in out


@pytest.mark.parametrize("path", [(*S1, "id"), (*S1, "premises"), (*S1, "cycle"), (*S1, "rule")])
def test_hostile_numbers_are_refused(path, tmp_path):
    """Step numbers go into unquoted attributes (`id=main-3`, `href=#main-1`): only integers."""
    value = {"premises": [PAYLOAD], "rule": {"fact": PAYLOAD}}.get(path[-1], PAYLOAD)
    with pytest.raises(InputError):
        write_site(_set(path, value)(_doc(_thm())), tmp_path)
