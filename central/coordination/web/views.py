"""The coordinator page's HTML, written with plain string building and html.escape (no
template engine: three small pages; docs/architecture.md says why). Every value that comes
from the database or the request is escaped here."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlencode

from central.coordination.labels import label
from central.coordination.web.chart import Point, bars_and_line
from central.coordination.web.places import (
    LEVELS,
    NO_PROVINCE,
    PlaceRow,
    Sum,
    by_level,
    columns,
    shown,
)
from central.coordination.web.words import LANGUAGES, page_word
from figures import schema as s
from figures.places import FEDERAL, REGIONS, area_name, municipality_name

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "nl": "Nederlands", "de": "Deutsch"}
SMALL, HIDDEN = "<5", "–"


def page(lang: str, title: str, body: str, header: str = "") -> str:
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            '<link rel="stylesheet" href="/coordinator/page.css"></head><body>'
            f'<header class="top"><p class="brand">Relais</p>{header}</header>'
            f'<main id="main">{body}</main>'
            f'<footer><p>{escape(page_word("footer", lang))}</p></footer></body></html>')


def languages_nav(lang: str, path: str, query: dict[str, str]) -> str:
    links = []
    for code in LANGUAGES:
        href = escape(f"{path}?{urlencode({**query, 'lang': code})}")
        current = ' aria-current="true"' if code == lang else ""
        links.append(f'<li><a href="{href}" hreflang="{code}" lang="{code}"{current}>'
                     f"{LANGUAGE_NAMES[code]}</a></li>")
    return (f'<nav aria-label="{escape(page_word("nav.language", lang))}" class="languages">'
            f'<ul>{"".join(links)}</ul></nav>')


def login_page(lang: str, message: str = "") -> str:
    alert = f'<p class="alert" role="alert">{escape(message)}</p>' if message else ""
    body = (f'<h1>{escape(page_word("login.heading", lang))}</h1>{alert}'
            '<form method="post" action="/coordinator/login" class="login">'
            f'<input type="hidden" name="lang" value="{lang}">'
            f'<label for="token">{escape(page_word("login.token", lang))}</label>'
            '<input id="token" name="token" type="password" required maxlength="200" '
            'autocomplete="current-password" aria-describedby="token-help">'
            f'<p id="token-help" class="hint">{escape(page_word("login.help", lang))}</p>'
            f'<button type="submit">{escape(page_word("login.submit", lang))}</button></form>')
    return page(lang, page_word("login.heading", lang), body,
                languages_nav(lang, "/coordinator/login", {}))


def scope_name(scope: str, lang: str) -> str:
    kind, _, value = scope.partition(":")
    if kind == FEDERAL:
        return page_word("scope.federal", lang)
    if kind == "region":
        return page_word(f"region.{REGIONS[value]}", lang)
    return area_name(value, lang) or value


def place_name(code: str, level: str, lang: str) -> str:
    if code == NO_PROVINCE:
        return page_word("place.none", lang)
    if code == s.OTHER:
        return label(s.OTHER, lang)
    if level == "region":
        return page_word(f"region.{code}", lang) if f"region.{code}" in _REGION_KEYS else code
    if level == "province":
        return area_name(code, lang) or code
    return f"{municipality_name(code, lang) or ''} ({code})".strip()


_REGION_KEYS = {f"region.{code}" for code in REGIONS.values()}


@dataclass(frozen=True)
class FiguresView:
    lang: str
    coordinator: str
    own_scope: str
    scope: str
    scopes: list[str]
    month: str
    level: str
    doc: dict[str, Any]
    series: dict[str, dict[str, dict[str, int | None]]]
    csrf: str
    message: str = ""


def figures_page(v: FiguresView) -> str:
    lang = v.lang
    query = {"month": v.month, "scope": v.scope, "level": v.level}
    header = (languages_nav(lang, "/coordinator/figures", query)
              + f'<p class="who">{escape(page_word("nav.signed_in", lang, name=v.coordinator))}'
              f" · {escape(scope_name(v.own_scope, lang))}</p>"
              '<form method="post" action="/coordinator/logout" class="logout">'
              f'<input type="hidden" name="csrf" value="{escape(v.csrf)}">'
              f'<input type="hidden" name="lang" value="{lang}">'
              f'<button type="submit">{escape(page_word("nav.logout", lang))}</button></form>')
    title = f"{label('title', lang)} — {scope_name(v.scope, lang)}, {v.month}"
    alert = f'<p class="alert" role="alert">{escape(v.message)}</p>' if v.message else ""
    partners = escape(f"/coordinator/partners?{urlencode({'month': v.month, 'lang': lang})}")
    nav = (f'<p class="sections"><a href="{partners}">'  # the partner services section
           f'{escape(page_word("nav.partners", lang))}</a></p>')
    body = (f"{nav}<h1>{escape(title)}</h1>{alert}{_controls(v)}"
            f"{_place_section(v)}{_chart_section(v)}{_organisations(v)}{_legend(lang)}"
            f"{_downloads(v)}")
    return page(lang, title, body, header)


def _controls(v: FiguresView) -> str:
    lang = v.lang
    scopes = "".join(
        f'<option value="{escape(code)}"{" selected" if code == v.scope else ""}>'
        f"{escape(scope_name(code, lang))}</option>" for code in v.scopes)
    levels = "".join(
        f'<option value="{level}"{" selected" if level == v.level else ""}>'
        f'{escape(page_word(f"level.{level}", lang))}</option>' for level in LEVELS)
    return ('<section aria-labelledby="controls-h" class="controls">'
            f'<h2 id="controls-h" class="visually-hidden">'
            f'{escape(page_word("form.heading", lang))}</h2>'
            '<form method="get" action="/coordinator/figures">'
            f'<input type="hidden" name="lang" value="{lang}">'
            f'<p><label for="month">{escape(page_word("form.month", lang))}</label>'
            f'<input id="month" name="month" type="month" value="{escape(v.month)}" required '
            f'pattern="[0-9]{{4}}-[0-9]{{2}}" maxlength="7" '
            f'placeholder="{escape(page_word("form.month_hint", lang))}"></p>'
            f'<p><label for="scope">{escape(page_word("form.scope", lang))}</label>'
            f'<select id="scope" name="scope">{scopes}</select></p>'
            f'<p><label for="level">{escape(page_word("form.level", lang))}</label>'
            f'<select id="level" name="level">{levels}</select></p>'
            f'<p><button type="submit">{escape(page_word("form.show", lang))}</button></p>'
            "</form></section>")


def _header_cells(keys: tuple[str, ...] | list[str], lang: str) -> str:
    return "".join(f'<th scope="col">{escape(label(k, lang))}</th>' for k in keys)


def _place_section(v: FiguresView) -> str:
    lang, level = v.lang, v.level
    rows: list[PlaceRow] = by_level(v.doc, level)
    keys = columns(level)
    alone = SMALL if level != "municipality" else HIDDEN
    heading = page_word("place.heading", lang, level=page_word(f"level.{level}", lang),
                        month=v.month)
    if not rows:
        table = f'<p>{escape(label("none_found", lang))}</p>'
    else:
        lines = "".join(
            f'<tr><th scope="row">{escape(place_name(r.code, level, lang))}</th>'
            + "".join(f"<td>{escape(shown(r.sums[k], alone))}</td>" for k in keys) + "</tr>"
            for r in rows)
        table = (f'<table><caption class="visually-hidden">{escape(heading)}</caption>'
                 '<thead><tr>'
                 f'<th scope="col">{escape(page_word(f"level.{level}", lang))}</th>'
                 f"{_header_cells(keys, lang)}</tr></thead><tbody>{lines}</tbody></table>")
    return (f'<section aria-labelledby="place-h"><h2 id="place-h">{escape(heading)}</h2>'
            f"{table}</section>")


def _series_points(v: FiguresView) -> list[tuple[str, Sum, Sum]]:
    out = []
    for month, orgs in sorted(v.series.items()):
        persons, files = Sum(), Sum()
        for values in orgs.values():
            persons.add(values.get("persons"))
            files.add(values.get("files_active"))
        out.append((month, persons, files))
    return out


def _chart_section(v: FiguresView) -> str:
    lang = v.lang
    series = _series_points(v)
    if not series:
        return ""
    points = [Point(month[2:], p.value if p.parts else None, f.value if f.parts else None)
              for month, p, f in series]
    description = page_word("chart.description", lang, first=series[0][0],
                            last=series[-1][0])
    svg = bars_and_line(points, page_word("chart.heading", lang), description, "trend")
    lines = "".join(
        f'<tr><th scope="row">{month}</th><td>{escape(shown(p, SMALL))}</td>'
        f"<td>{escape(shown(f, SMALL))}</td></tr>" for month, p, f in series)
    table = (f'<details><summary>{escape(page_word("chart.table", lang))}</summary>'
             f'<table><thead><tr><th scope="col">{escape(page_word("form.month", lang))}</th>'
             f'{_header_cells(["persons", "files_active"], lang)}</tr></thead>'
             f"<tbody>{lines}</tbody></table></details>")
    return (f'<section aria-labelledby="chart-h"><h2 id="chart-h">'
            f'{escape(page_word("chart.heading", lang))}</h2>'
            f'<p class="hint">{escape(description)}</p><figure>{svg}</figure>{table}</section>')


def _cell(value: Any, alone: str) -> str:
    if value is None:
        return alone
    return f"{value:g}" if isinstance(value, float) else str(value)


def _organisations(v: FiguresView) -> str:
    lang, orgs = v.lang, v.doc["organisations"]
    if not orgs:
        return ""
    lines = []
    for org in orgs:
        overview = next(t for t in org["tables"] if t["key"] == "overview")
        values = {r["row"]: r["values"][0] for r in overview["rows"]}
        lines.append(f'<tr><th scope="row">{escape(org["refnis"])} {escape(org["name"])}</th>'
                     + "".join(f"<td>{escape(_cell(values.get(k), SMALL))}</td>"
                               for k in s.OVERVIEW_ROWS) + "</tr>")
    details = "".join(_organisation_details(org, lang) for org in orgs)
    return (f'<section aria-labelledby="orgs-h"><h2 id="orgs-h">'
            f'{escape(page_word("orgs.heading", lang))}</h2><table><thead><tr>'
            f'<th scope="col">{escape(page_word("orgs.name", lang))}</th>'
            f'{_header_cells(s.OVERVIEW_ROWS, lang)}</tr></thead>'
            f'<tbody>{"".join(lines)}</tbody></table>{details}</section>')


def _organisation_details(org: dict[str, Any], lang: str) -> str:
    name = f'{org["refnis"]} {org["name"]}'
    tables = []
    for table in org["tables"]:
        if table["key"] == "overview":
            continue
        alone = SMALL if table["totals"] is None and table["unit"] != s.DAYS else HIDDEN
        two_way = bool(table["rows"]) and "total" in table["rows"][0]
        keys = [*table["columns"], *(["total"] if two_way else [])]
        body = []
        for row in table["rows"]:
            cells = [*row["values"], *([row["total"]] if two_way else [])]
            body.append(f'<tr><th scope="row">{escape(label(row["row"], lang, table["key"]))}'
                        f"</th>" + "".join(f"<td>{escape(_cell(c, alone))}</td>"
                                           for c in cells) + "</tr>")
        if table["totals"]:
            cells = [*table["totals"]["values"],
                     *([table["totals"]["total"]] if two_way else [])]
            body.append(f'<tr class="total"><th scope="row">{escape(label("total", lang))}'
                        f"</th>" + "".join(f"<td>{escape(_cell(c, HIDDEN))}</td>"
                                           for c in cells) + "</tr>")
        tables.append(f'<table><caption>{escape(label(table["key"], lang))}</caption>'
                      f'<thead><tr><td></td>{_header_cells(keys, lang)}</tr></thead>'
                      f'<tbody>{"".join(body)}</tbody></table>')
    return (f'<details><summary>{escape(page_word("orgs.details", lang, name=name))}'
            f'</summary><p class="hint">{escape(label("origin_" + org["origin"], lang))}</p>'
            f'{"".join(tables)}</details>')


def _legend(lang: str) -> str:
    items = "".join(f"<li>{escape(page_word(k, lang))}</li>"
                    for k in ("legend.small", "legend.hidden", "legend.partial"))
    return (f'<section aria-labelledby="legend-h" class="legend"><h2 id="legend-h">'
            f'{escape(page_word("legend.heading", lang))}</h2>'
            f'<p>{escape(page_word("legend.intro", lang))}</p><ul>{items}</ul></section>')


def _downloads(v: FiguresView) -> str:
    query = urlencode({"month": v.month, "scope": v.scope, "lang": v.lang})
    items = "".join(f'<li><a href="/coordinator/download.{fmt}?{escape(query)}" download>'
                    f'{escape(page_word(f"downloads.{fmt}", v.lang))}</a></li>'
                    for fmt in ("csv", "xlsx", "pdf"))
    return (f'<section aria-labelledby="downloads-h" class="downloads"><h2 id="downloads-h">'
            f'{escape(page_word("downloads.heading", v.lang))}</h2><ul>{items}</ul></section>')
