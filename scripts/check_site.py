#!/usr/bin/env python3
"""Offline checks of a built factsite site (standard library only).

    python3 scripts/check_site.py SITE_DIR BASE_URL

SITE_DIR is the output of `factsite build --base-url BASE_URL --output SITE_DIR`. Checks:

- links: every internal link, asset, form action and #fragment of every HTML page resolves to a
  file of the build (absolute URLs under BASE_URL count as internal; links that climb out of the
  site are errors; other hosts are not fetched);
- feeds: atom.xml and flags.xml parse as Atom with the required elements, and their entries'
  links inside the site resolve;
- sitemap: sitemap.xml is well-formed, lists every HTML page except 404.html and nothing else;
  robots.txt points at it;
- JSON-LD: every page but the 404 carries JSON-LD that parses; article pages carry a NewsArticle,
  the home page a WebSite; every ClaimReview has Google's required fields; every verdict in
  flags.xml has a page with a ClaimReview.

Prints one line per problem and a summary; exit 1 when there is any error.
"""

import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

errors = []
warnings = []


def error(msg):
    errors.append(msg)
    print(f"error: {msg}")


def warn(msg):
    warnings.append(msg)
    print(f"warning: {msg}")


class Page(HTMLParser):
    """Collects ids, URLs and JSON-LD scripts of one HTML page."""

    URL_ATTRS = {
        "a": ["href"],
        "link": ["href"],
        "script": ["src"],
        "img": ["src"],
        "source": ["src"],
        "iframe": ["src"],
        "form": ["action"],
        "video": ["src", "poster"],
        "audio": ["src"],
        "use": ["href", "xlink:href"],
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.urls = []  # (tag, attr, value)
        self.jsonld = []
        self.canonical = None
        self._in_jsonld = False
        self._buf = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for attr in self.URL_ATTRS.get(tag, []):
            if a.get(attr) is not None:
                self.urls.append((tag, attr, a[attr]))
        if tag in ("img", "source") and a.get("srcset"):
            for part in a["srcset"].split(","):
                if part.strip():
                    self.urls.append((tag, "srcset", part.strip().split()[0]))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        if tag == "meta" and a.get("property") == "og:url":
            self.urls.append((tag, "content", a.get("content", "")))
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self._buf = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._in_jsonld:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_jsonld:
            self.jsonld.append("".join(self._buf))
            self._in_jsonld = False


def html_files(site):
    out = []
    for dirpath, dirnames, filenames in os.walk(site):
        dirnames.sort()
        for f in sorted(filenames):
            if f.endswith(".html"):
                out.append(os.path.relpath(os.path.join(dirpath, f), site).replace(os.sep, "/"))
    return out


def page_url(base, rel):
    """The URL a file is served at: a/index.html -> BASE/a/."""
    if rel == "index.html":
        return base
    if rel.endswith("/index.html"):
        return base + rel[: -len("index.html")]
    return base + rel


def local_path(site, base, url):
    """The file an absolute URL under base maps to, or None when it is outside the site."""
    if not url.startswith(base):
        return None
    rel = unquote(urlsplit(url).path)[len(urlsplit(base).path):]
    path = os.path.join(site, rel)
    if rel == "" or rel.endswith("/"):
        path = os.path.join(path, "index.html")
    return path


def check_links(site, base, pages):
    base_parts = urlsplit(base)
    checked = 0
    for rel, page in pages.items():
        here = page_url(base, rel)
        for tag, attr, value in page.urls:
            value = value.strip()
            if not value or value.startswith(("mailto:", "tel:", "data:")):
                continue
            if value.startswith("javascript:"):
                error(f"{rel}: <{tag} {attr}> uses javascript: ({value})")
                continue
            url, frag = urldefrag(urljoin(here, value))
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https"):
                continue
            if parts.netloc != base_parts.netloc:
                continue  # another host: not fetched
            checked += 1
            target = local_path(site, base, url)
            if target is None:
                error(f"{rel}: <{tag} {attr}=\"{value}\"> leaves the site ({url} is not under {base})")
                continue
            if not os.path.isfile(target):
                error(f"{rel}: <{tag} {attr}=\"{value}\"> points at a missing file ({url})")
                continue
            if frag:
                trel = os.path.relpath(target, site).replace(os.sep, "/")
                tpage = pages.get(trel)
                if tpage is None:
                    continue
                if unquote(frag) not in tpage.ids:
                    error(f"{rel}: <{tag} {attr}=\"{value}\"> names #{frag}, which {trel} lacks")
    return checked


def text(el, name):
    child = el.find(ATOM + name)
    return None if child is None else (child.text or "").strip()


def check_feed(site, base, name, internal_links):
    path = os.path.join(site, name)
    if not os.path.isfile(path):
        error(f"{name} is missing")
        return []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        error(f"{name} is not well-formed XML: {e}")
        return []
    if root.tag != ATOM + "feed":
        error(f"{name}: root element is {root.tag}, not an Atom feed")
        return []
    for req in ("id", "title", "updated"):
        if not text(root, req):
            error(f"{name}: feed has no <{req}>")
    if not RFC3339.match(text(root, "updated") or ""):
        error(f"{name}: feed <updated> is not an RFC 3339 timestamp")
    if not any(l.get("rel") == "self" for l in root.findall(ATOM + "link")):
        warn(f"{name}: no rel=self link")
    if root.find(ATOM + "author") is None:
        for e in root.findall(ATOM + "entry"):
            if e.find(ATOM + "author") is None:
                error(f"{name}: entry {text(e, 'id')} has no author and the feed has none")
    verdicts = []
    ids = set()
    for i, e in enumerate(root.findall(ATOM + "entry"), 1):
        eid = text(e, "id")
        for req in ("id", "title", "updated"):
            if not text(e, req):
                error(f"{name}: entry {i} has no <{req}>")
        for ts in ("updated", "published"):
            v = text(e, ts)
            if v is not None and not RFC3339.match(v):
                error(f"{name}: entry {i} <{ts}> {v!r} is not an RFC 3339 timestamp")
        if eid in ids:
            error(f"{name}: two entries share the id {eid}")
        ids.add(eid)
        links = [l.get("href") for l in e.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        if not links:
            error(f"{name}: entry {i} has no alternate link")
        for href in links:
            if href and href.startswith(base) and internal_links:
                target = local_path(site, base, urldefrag(href)[0])
                if target is None or not os.path.isfile(target):
                    error(f"{name}: entry {i} links to {href}, which the build does not have")
        if any(c.get("term") == "verdict" for c in e.findall(ATOM + "category")):
            verdicts.extend(links)
    return verdicts


def check_sitemap(site, base, html):
    path = os.path.join(site, "sitemap.xml")
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        error(f"sitemap.xml: {e}")
        return
    if root.tag != SITEMAP + "urlset":
        error(f"sitemap.xml: root element is {root.tag}, not a sitemap urlset")
    locs = [(u.findtext(SITEMAP + "loc") or "").strip() for u in root.findall(SITEMAP + "url")]
    if len(set(locs)) != len(locs):
        error("sitemap.xml lists a URL twice")
    expected = {page_url(base, rel) for rel in html if rel != "404.html"}
    for loc in sorted(set(locs) - expected):
        error(f"sitemap.xml lists {loc}, which is not a page of the build")
    for loc in sorted(expected - set(locs)):
        error(f"sitemap.xml does not list {loc}")
    robots = os.path.join(site, "robots.txt")
    try:
        with open(robots, encoding="utf-8") as f:
            if f"Sitemap: {base}sitemap.xml" not in f.read():
                error("robots.txt does not point at sitemap.xml")
    except OSError:
        error("robots.txt is missing")


def items(doc):
    """The typed objects of a JSON-LD document (top level, arrays and @graph)."""
    if isinstance(doc, list):
        for d in doc:
            yield from items(d)
    elif isinstance(doc, dict):
        if "@graph" in doc:
            yield from items(doc["@graph"])
        if "@type" in doc:
            yield doc


def name_of(v):
    return isinstance(v, dict) and isinstance(v.get("name"), str) and v["name"].strip()


def check_claim_review(where, url, cr):
    def req(cond, what):
        if not cond:
            error(f"{where}: ClaimReview {what}")

    req(isinstance(cr.get("claimReviewed"), str) and cr["claimReviewed"].strip(), "has no claimReviewed")
    req(cr.get("url") == url, f"url {cr.get('url')!r} is not the page's own URL {url}")
    rr = cr.get("reviewRating")
    req(isinstance(rr, dict), "has no reviewRating")
    if isinstance(rr, dict):
        req(isinstance(rr.get("alternateName"), str) and rr["alternateName"].strip(), "reviewRating has no alternateName")
        if "ratingValue" in rr:
            nums = [rr.get(k) for k in ("worstRating", "ratingValue", "bestRating")]
            req(all(isinstance(n, (int, float)) for n in nums) and nums[0] <= nums[1] <= nums[2],
                f"reviewRating numbers are not worstRating <= ratingValue <= bestRating: {nums}")
    author = cr.get("author")
    req(name_of(author) and author.get("@type") in ("Organization", "Person"), "has no author Organization/Person with a name")
    if not ISO_DATE.match(str(cr.get("datePublished", ""))):
        warn(f"{where}: ClaimReview has no datePublished (recommended)")
    claim = cr.get("itemReviewed")
    req(isinstance(claim, dict) and claim.get("@type") == "Claim", "itemReviewed is not a Claim")
    if isinstance(claim, dict):
        apps = claim.get("appearance", [])
        apps = apps if isinstance(apps, list) else [apps]
        if not apps:
            warn(f"{where}: ClaimReview's Claim has no appearance (recommended)")
        for a in apps:
            req(isinstance(a, dict) and str(a.get("url", "")).startswith(("http://", "https://")),
                f"appearance without an absolute url: {a!r}")
        if apps:
            req(isinstance(claim.get("firstAppearance"), dict), "Claim has appearances but no firstAppearance")
            if not ISO_DATE.match(str(claim.get("datePublished", ""))):
                warn(f"{where}: ClaimReview's Claim has no datePublished (recommended)")


def check_jsonld(base, pages):
    counts = {}
    claim_review_pages = set()
    for rel, page in pages.items():
        if rel == "404.html":
            continue
        url = page_url(base, rel)
        if not page.jsonld:
            error(f"{rel}: no JSON-LD")
        types = set()
        for raw in page.jsonld:
            try:
                doc = json.loads(raw)
            except ValueError as e:
                error(f"{rel}: JSON-LD does not parse: {e}")
                continue
            for it in items(doc):
                t = it.get("@type")
                for t in t if isinstance(t, list) else [t]:
                    types.add(t)
                    counts[t] = counts.get(t, 0) + 1
                    if t == "ClaimReview":
                        check_claim_review(rel, url, it)
                        claim_review_pages.add(url)
                    if t == "NewsArticle":
                        for f in ("headline", "url"):
                            if not it.get(f):
                                error(f"{rel}: NewsArticle has no {f}")
                        if not name_of(it.get("publisher")):
                            error(f"{rel}: NewsArticle has no publisher name")
                        if it.get("url") != url:
                            error(f"{rel}: NewsArticle url {it.get('url')!r} is not {url}")
        if rel.startswith("articles/") and "NewsArticle" not in types:
            error(f"{rel}: article page without a NewsArticle")
        if rel == "index.html" and "WebSite" not in types:
            error("index.html: no WebSite JSON-LD")
    return counts, claim_review_pages


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    site, base = sys.argv[1], sys.argv[2]
    if not base.endswith("/"):
        base += "/"
    html = html_files(site)
    pages = {}
    for rel in html:
        p = Page()
        with open(os.path.join(site, rel), encoding="utf-8") as f:
            p.feed(f.read())
        p.close()
        pages[rel] = p
    n_links = check_links(site, base, pages)
    check_feed(site, base, "atom.xml", True)
    verdicts = check_feed(site, base, "flags.xml", True)
    check_sitemap(site, base, html)
    counts, cr_pages = check_jsonld(base, pages)
    for v in verdicts:
        if urldefrag(v)[0] not in cr_pages:
            error(f"flags.xml: verdict page {v} carries no ClaimReview")
    summary = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    print(
        f"check_site: {len(html)} pages, {n_links} internal links checked, JSON-LD: {summary or 'none'}; "
        f"{len(errors)} errors, {len(warnings)} warnings"
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
