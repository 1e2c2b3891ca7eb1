"""Crisis resources as HTML: the "Get help now" panel and the resource lists.

Everything here comes from the pack's crisis resources file and is escaped.
"""

from __future__ import annotations

from .content import Country, CrisisResources
from .words import esc

__all__ = [
    "country_html",
    "help_details",
    "ordered_countries",
    "resources_html",
    "services_html",
]


def ordered_countries(crisis: CrisisResources, country_code: str | None = None) -> list[Country]:
    """The chosen country first, then the international directory, then the rest by name."""
    chosen = crisis.country(country_code)
    first = [c for c in (chosen, crisis.country(crisis.default_country)) if c is not None]
    first = list({country.code: country for country in first}.values())
    rest = sorted((c for c in crisis.countries if c not in first), key=lambda c: c.name)
    return first + rest


def services_html(crisis: CrisisResources, country_code: str | None, heading: int = 4) -> str:
    """The services to show someone: their country's first, every country in reach.

    With a country chosen: that country and the international directory, then the
    rest in a closed "Other countries" list. With none chosen (or the directory
    chosen): every country, the directory first, so a person in need finds a
    number without another click.
    """
    countries = ordered_countries(crisis, country_code)
    chosen = crisis.country(country_code)
    if chosen is None or chosen.code == crisis.default_country:
        return "".join(country_html(country, heading) for country in countries)
    lead, others = countries[:2], countries[2:]
    parts = [country_html(country, heading) for country in lead]
    if others:
        parts.append(
            '<details class="hw-other-countries"><summary>Other countries</summary>'
            + "".join(country_html(country, heading) for country in others)
            + "</details>"
        )
    return "".join(parts)


def help_details(crisis: CrisisResources, country_code: str | None = None) -> str:
    """The "Get help now" panel: a closed ``<details>``, the person's country first."""
    body = [
        f"<p><strong>{esc(crisis.emergency_advice)}</strong></p>",
        "<p>You do not have to go through this alone. These services are free and "
        "confidential, and you can contact them about anything that is weighing on you.</p>",
        services_html(crisis, country_code),
    ]
    return (
        '<details class="hw-get-help"><summary>Get help now</summary>'
        f'<div class="hw-help-body">{"".join(body)}</div></details>'
    )


def resources_html(crisis: CrisisResources, heading: int = 4, first: str | None = None) -> str:
    """The emergency advice and every country's services, as HTML (for cards and pages).

    ``heading`` is the level of each country's heading, so it fits the page's
    outline; the country coded ``first`` leads, then the international directory.
    """
    countries = ordered_countries(crisis, first)
    body = [f"<p><strong>{esc(crisis.emergency_advice)}</strong></p>"]
    body += [country_html(country, heading) for country in countries]
    return "".join(body)


def country_html(country: Country, heading: int = 4) -> str:
    """One country's services with call, text and chat links, under an ``h{heading}``."""
    services = []
    for service in country.services:
        ways = []
        for contact in service.contacts:
            label = contact.label or contact.value
            if contact.kind == "call":
                href = "tel:" + "".join(ch for ch in contact.value if ch.isdigit() or ch == "+")
                ways.append(f'<a href="{esc(href)}">Call {esc(label)}</a>')
            elif contact.kind == "text":
                href = "sms:" + "".join(ch for ch in contact.value if ch.isdigit() or ch == "+")
                ways.append(f'<a href="{esc(href)}">Text {esc(label)}</a>')
            else:
                verb = "Chat at" if contact.kind == "chat" else "Visit"
                ways.append(
                    f'<a href="{esc(contact.value)}" target="_blank" rel="noopener noreferrer">'
                    f"{verb} {esc(label)}</a>"
                )
        services.append(
            f"<li><strong>{esc(service.name)}</strong>: {' · '.join(ways)}. "
            f"{esc(service.hours)}. {esc(service.description)} "
            f'<span class="hw-verified">(details last checked '
            f"{service.last_verified:%d %B %Y})</span></li>"
        )
    return f"<h{heading}>{esc(country.name)}</h{heading}><ul>{''.join(services)}</ul>"
