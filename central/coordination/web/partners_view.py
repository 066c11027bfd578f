"""The coordinator page's partner services section: a tile map of Belgium's provinces for
one kind (SVG drawn on the server, shaded through page.css classes), the same numbers as a
table, every kind by area, where people wait longest, the gaps, and the services of one
kind and area (the partner's public contact data only). Every value is escaped here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from central.coordination.ecosystem.areas import BRUSSELS, TILES
from central.coordination.ecosystem.service import KINDS, Ecosystem, PartnerEntry, Wait
from central.coordination.labels import label
from central.coordination.web.partner_words import partner_word as w
from central.coordination.web.places import shown
from central.coordination.web.views import languages_nav, page, scope_name
from figures.places import area_name, municipality_name

TILE_W, TILE_H, GAP = 150, 78, 6
PATH = "/coordinator/partners"
TEXT = ' class="text"'  # a column of words, aligned left


@dataclass(frozen=True)
class PartnersView:
    lang: str
    coordinator: str
    own_scope: str
    scope: str
    scopes: list[str]
    month: str
    kind: str
    province: str | None
    area: str | None
    by_province: Ecosystem
    here: Ecosystem  # by_province, or the chosen province's municipalities
    csrf: str
    message: str = ""

    def query(self, **changes: str | None) -> dict[str, str]:
        base = {"month": self.month, "scope": self.scope, "kind": self.kind,
                "province": self.province or "", "lang": self.lang}
        return {k: v for k, v in {**base, **changes}.items() if v}


def area_label(code: str, lang: str) -> str:
    if code == BRUSSELS:
        return w("region.04000", lang)
    if code in TILES:
        return area_name(code, lang) or code
    return f"{municipality_name(code, lang) or code} ({code})"


def short_province(code: str, lang: str) -> str:
    """The name on a tile: without "Province de", "Provincie", "Provinz"."""
    if code == BRUSSELS:
        return {"nl": "Brussel", "de": "Brüssel"}.get(lang, "Bruxelles" if lang == "fr"
                                                       else "Brussels")
    name = area_name(code, lang) or code
    return re.sub(r"^(Province (de |du |d’)|Provincie |Provinz )", "", name)


def shade(count: int, top: int) -> int:
    """0 (none) to 4 (the most in the map)."""
    if count <= 0 or top <= 0:
        return 0
    return min(4, 1 + (3 * count) // top)


def tile_map(eco: Ecosystem, kind: str, lang: str) -> str:
    counts = {code: eco.counts.get((code, kind), 0) for code in TILES}
    top = max(counts.values(), default=0)
    heading = w("map.heading", lang, kind=label(kind, lang))
    width = 4 * (TILE_W + GAP)
    height = 3 * (TILE_H + GAP)
    tiles = []
    for code, (col, row) in TILES.items():
        x, y = col * (TILE_W + GAP), row * (TILE_H + GAP)
        name, count = short_province(code, lang), counts[code]
        level = shade(count, top)
        tiles.append(
            f'<g class="tile"><title>{escape(area_label(code, lang))}: {count}</title>'
            f'<rect class="tile-{level}" x="{x}" y="{y}" width="{TILE_W}" height="{TILE_H}" '
            f'rx="4"></rect>'
            f'<text class="tile-name{" on-dark" if level >= 3 else ""}" x="{x + 8}" '
            f'y="{y + 22}">{escape(name)}</text>'
            f'<text class="tile-count{" on-dark" if level >= 3 else ""}" x="{x + 8}" '
            f'y="{y + 58}">{count}</text></g>')
    return (f'<svg class="tilemap" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="map-t map-d" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="map-t">{escape(heading)}</title>'
            f'<desc id="map-d">{escape(w("map.description", lang))}</desc>'
            f'{"".join(tiles)}</svg>')


def partners_page(v: PartnersView) -> str:
    lang = v.lang
    header = (languages_nav(lang, PATH, {k: x for k, x in v.query().items() if k != "lang"})
              + f'<p class="who">{escape(w("nav.signed_in", lang, name=v.coordinator))}'
              f" · {escape(scope_name(v.own_scope, lang))}</p>"
              '<form method="post" action="/coordinator/logout" class="logout">'
              f'<input type="hidden" name="csrf" value="{escape(v.csrf)}">'
              f'<input type="hidden" name="lang" value="{lang}">'
              f'<button type="submit">{escape(w("nav.logout", lang))}</button></form>')
    title = f"{w('title', lang)} — {scope_name(v.scope, lang)}, {v.month}"
    alert = f'<p class="alert" role="alert">{escape(v.message)}</p>' if v.message else ""
    back = urlencode({"month": v.month, "scope": v.scope, "lang": lang})
    figures = escape(f"/coordinator/figures?{back}")
    nav = (f'<nav class="sections" aria-label="{escape(w("title", lang))}"><ul>'
           f'<li><a href="{figures}">{escape(w("nav.figures", lang))}</a></li>'
           f'<li><a href="{PATH}" aria-current="page">{escape(w("nav.partners", lang))}'
           "</a></li></ul></nav>")
    body = (f"{nav}<h1>{escape(title)}</h1>{alert}{_controls(v)}{_map(v)}{_kind_table(v)}"
            f"{_longest(v)}{_gaps(v)}{_list(v)}{_matrix(v)}")
    return page(lang, title, body, header)


def _controls(v: PartnersView) -> str:
    lang = v.lang

    def options(pairs: list[tuple[str, str]], chosen: str) -> str:
        return "".join(f'<option value="{escape(code)}"{" selected" if code == chosen else ""}>'
                       f"{escape(text)}</option>" for code, text in pairs)

    scopes = options([(c, scope_name(c, lang)) for c in v.scopes], v.scope)
    kinds = options([(k, label(k, lang)) for k in KINDS], v.kind)
    areas = options([("", w("form.all_provinces", lang))]
                    + [(c, area_label(c, lang)) for c in TILES], v.province or "")
    return ('<section aria-labelledby="controls-h" class="controls">'
            f'<h2 id="controls-h" class="visually-hidden">{escape(w("form.heading", lang))}</h2>'
            f'<form method="get" action="{PATH}">'
            f'<input type="hidden" name="lang" value="{lang}">'
            f'<p><label for="month">{escape(w("form.month", lang))}</label>'
            f'<input id="month" name="month" type="month" value="{escape(v.month)}" required '
            'pattern="[0-9]{4}-[0-9]{2}" maxlength="7"></p>'
            f'<p><label for="scope">{escape(w("form.scope", lang))}</label>'
            f'<select id="scope" name="scope">{scopes}</select></p>'
            f'<p><label for="kind">{escape(w("form.kind", lang))}</label>'
            f'<select id="kind" name="kind">{kinds}</select></p>'
            f'<p><label for="province">{escape(w("form.area", lang))}</label>'
            f'<select id="province" name="province">{areas}</select></p>'
            f'<p><button type="submit">{escape(w("form.show", lang))}</button></p>'
            "</form></section>")


def _map(v: PartnersView) -> str:
    return (f'<section aria-labelledby="map-h"><h2 id="map-h">'
            f'{escape(w("map.heading", v.lang, kind=label(v.kind, v.lang)))}</h2>'
            f'<figure>{tile_map(v.by_province, v.kind, v.lang)}</figure></section>')


def _wait(eco: Ecosystem, area: str, kind: str) -> Wait:
    return eco.waits.get((area, kind), Wait(None, 0))


def _kind_table(v: PartnersView) -> str:
    lang, eco = v.lang, v.here
    heading = f'{label(v.kind, lang)} — {w("counts.heading", lang)}'
    hint = w("counts.hint", lang, first=eco.first_month, last=v.month)
    lines = []
    for area in eco.areas():
        wait = _wait(eco, area, v.kind)
        persons = eco.persons.get(area)
        href = escape(f"{PATH}?{urlencode(v.query(area=area))}#list-h")
        lines.append(
            f'<tr><th scope="row"><a href="{href}">{escape(area_label(area, lang))}</a></th>'
            f"<td>{eco.counts.get((area, v.kind), 0)}</td><td>{escape(wait.shown())}</td>"
            f"<td>{_outcomes(wait)}</td>"
            f'<td>{escape(shown(persons, "<5") if persons else "0")}</td></tr>')
    cols = "".join(f'<th scope="col">{escape(w(k, lang))}</th>'
                   for k in ("col.services", "col.wait", "col.outcomes", "col.persons"))
    table = (f'<table class="services"><caption class="visually-hidden">{escape(heading)}'
             f'</caption><thead><tr><th scope="col">{escape(w("form.area", lang))}</th>'
             f'{cols}</tr></thead><tbody>{"".join(lines)}</tbody></table>')
    return (f'<section aria-labelledby="counts-h"><h2 id="counts-h">{escape(heading)}</h2>'
            f'<p class="hint">{escape(hint)}</p>{table}</section>')


def _outcomes(wait: Wait) -> str:
    """How many outcomes: a count under 5 is written "<5", as in the figures."""
    if wait.outcomes == 0:
        return "0"
    return str(wait.outcomes) if wait.median is not None else "&lt;5"


def _longest(v: PartnersView) -> str:
    lang, found = v.lang, v.here.longest()
    if not found:
        body = f'<p>{escape(w("longest.none", lang))}</p>'
    else:
        lines = "".join(
            f'<tr><th scope="row">{escape(label(kind, lang))}</th>'
            f"<td>{escape(area_label(area, lang))}</td><td>{escape(wait.shown())}</td>"
            f"<td>{wait.outcomes}</td><td>{v.here.counts.get((area, kind), 0)}</td></tr>"
            for area, kind, wait in found)
        cols = "".join(f'<th scope="col"{TEXT if k == "form.area" else ""}>'
                       f"{escape(w(k, lang))}</th>"
                       for k in ("form.area", "col.wait", "col.outcomes", "col.services"))
        body = (f'<table class="longest"><thead><tr><th scope="col">'
                f'{escape(w("col.kind", lang))}</th>{cols}</tr></thead>'
                f"<tbody>{lines}</tbody></table>")
    return (f'<section aria-labelledby="longest-h"><h2 id="longest-h">'
            f'{escape(w("longest.heading", lang))}</h2>{body}</section>')


def _gaps(v: PartnersView) -> str:
    lang, missing = v.lang, {}
    for area, kind in v.here.gaps():
        missing.setdefault(area, []).append(label(kind, lang))
    if not missing:
        body = f'<p>{escape(w("gaps.none", lang))}</p>'
    else:
        lines = "".join(
            f'<tr><th scope="row">{escape(area_label(area, lang))}</th>'
            f'<td>{escape(shown(v.here.persons[area], "<5"))}</td>'
            f'<td class="text">{escape(", ".join(kinds))}</td></tr>'
            for area, kinds in missing.items())
        body = (f'<table class="gaps"><thead><tr><th scope="col">'
                f'{escape(w("form.area", lang))}</th><th scope="col">'
                f'{escape(w("col.persons", lang))}</th><th scope="col" class="text">'
                f'{escape(w("gaps.missing", lang))}</th></tr></thead>'
                f"<tbody>{lines}</tbody></table>")
    return (f'<section aria-labelledby="gaps-h"><h2 id="gaps-h">'
            f'{escape(w("gaps.heading", lang))}</h2>{body}</section>')


def _list(v: PartnersView) -> str:
    lang = v.lang
    if not v.area:
        return (f'<section aria-labelledby="list-h"><h2 id="list-h">'
                f'{escape(w("list.show", lang, area="…"))}</h2>'
                f'<p>{escape(w("list.choose", lang))}</p></section>')
    heading = w("list.heading", lang, kind=label(v.kind, lang),
                area=area_label(v.area, lang))
    found: list[PartnerEntry] = [e for e in v.here.entries
                                 if e.kind == v.kind and v.area in e.areas]
    if not found:
        body = f'<p>{escape(w("list.none", lang))}</p>'
    else:
        lines = "".join(
            f'<tr><th scope="row">{escape(e.name)}</th>'
            f'<td class="text">{escape(municipality_name(e.municipality, lang) or "–")}</td>'
            f'<td class="text">{escape(", ".join(e.languages) or "–")}</td>'
            f'<td>{escape(str(e.verified_on or "–"))}</td></tr>' for e in found)
        cols = "".join(f'<th scope="col"{TEXT if k != "list.verified" else ""}>'
                       f"{escape(w(k, lang))}</th>" for k in
                       ("list.name", "list.municipality", "list.languages", "list.verified"))
        body = (f'<table class="entries"><thead><tr>{cols}</tr></thead>'
                f"<tbody>{lines}</tbody></table>")
    return (f'<section aria-labelledby="list-h"><h2 id="list-h">{escape(heading)}</h2>'
            f"{body}</section>")


def _matrix(v: PartnersView) -> str:
    """Every kind by area: the number of services, and the median wait in brackets."""
    lang, eco = v.lang, v.here
    head = "".join(f'<th scope="col">{escape(area_label(a, lang))}</th>' for a in eco.areas())
    lines = []
    for kind in KINDS:
        cells = []
        for area in eco.areas():
            wait = _wait(eco, area, kind)
            extra = f" ({wait.shown()})" if wait.median is not None else ""
            cells.append(f"<td>{eco.counts.get((area, kind), 0)}{escape(extra)}</td>")
        lines.append(f'<tr><th scope="row">{escape(label(kind, lang))}</th>'
                     f'{"".join(cells)}</tr>')
    return (f'<section aria-labelledby="matrix-h"><details><summary id="matrix-h">'
            f'{escape(w("counts.heading", lang))}</summary>'
            f'<div class="wide"><table class="matrix"><thead><tr><td></td>{head}</tr></thead>'
            f'<tbody>{"".join(lines)}</tbody></table></div></details></section>')
