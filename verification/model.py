"""The shared vocabulary of the verifier: what a ticket says, what the web says, and what we suggest.

Everything here is a frozen value; the pure modules of `verification` produce them and `bot` moves them
around. Nothing in this module does work.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Verdict(enum.StrEnum):
    """The six suggestions, in the order the policy tries them: the first that applies wins."""

    SUSPICIOUS = "suspicious"
    ASK_FILES = "ask_files"
    ASK_LICENSE = "ask_license"
    ASK_AUTHORSHIP = "ask_authorship"
    ASK_OFFICIAL_ADDRESS = "ask_official_address"
    CONFIRM = "confirm"

    @property
    def rank(self) -> int:
        return list(Verdict).index(self)


class SegmentKind(enum.StrEnum):
    """Whose words a stretch of the mail body holds."""

    OWN = "own"  # the sender's own words
    QUOTED = "quoted"  # a reply's quotation of earlier mail ("> ...", "On .. wrote:")
    FORWARDED = "forwarded"  # a forwarded message, inline or attached as message/rfc822


@dataclass(frozen=True)
class Address:
    """A mailbox: `addr` lower-cased, `name` the display name as written (may be empty)."""

    addr: str
    name: str = ""

    @property
    def domain(self) -> str:
        return self.addr.rpartition("@")[2]


@dataclass(frozen=True)
class Link:
    """A hyperlink found in the mail or on a page: the target URL and the text shown for it."""

    url: str
    text: str = ""


@dataclass(frozen=True)
class Segment:
    """A stretch of body text, with whose words it is. Forwarded and quoted segments keep the From of the
    mail they hold, when a header names it."""

    kind: SegmentKind
    text: str
    forwarded_from: Address | None = None


@dataclass(frozen=True)
class AuthResult:
    """One method's result from an Authentication-Results header, e.g. dmarc=fail header.from=x.org."""

    method: str  # lower-case: spf, dkim, dmarc, arc, ...
    result: str  # lower-case: pass, fail, softfail, none, neutral, temperror, permerror, ...
    properties: tuple[tuple[str, str], ...] = ()  # (("header.from", "x.org"), ("smtp.mailfrom", ...))

    def prop(self, name: str) -> str | None:
        for key, value in self.properties:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class AuthResultsHeader:
    """A parsed Authentication-Results header; `trusted` when its authserv-id is one we configured."""

    authserv_id: str
    results: tuple[AuthResult, ...]
    trusted: bool


@dataclass(frozen=True)
class ParsedMessage:
    """What the ticket mail says, before any interpretation of the release itself."""

    ticket: str | None  # 16 digits, validated
    sender: Address | None  # From
    reply_to: tuple[Address, ...]
    date: str | None  # ISO 8601 when the Date header parses, else None
    subject: str
    message_id: str | None
    segments: tuple[Segment, ...]  # body text in reading order, HTML already turned into text
    links: tuple[Link, ...]  # every hyperlink of the body (HTML hrefs, and bare URLs in text)
    auth_results: tuple[AuthResultsHeader, ...]  # top-most first
    attachments: tuple[str, ...] = ()  # file names of non-text attachments
    defects: tuple[str, ...] = ()  # MIME problems met and survived (for the evidence, not the verdict)

    def text(self, *kinds: SegmentKind) -> str:
        """The body text of the given kinds (all when none given), segments joined by blank lines."""
        wanted = set(kinds) or set(SegmentKind)
        return "\n\n".join(s.text for s in self.segments if s.kind in wanted)


class LicenseProblem(enum.StrEnum):
    """Why no free license could be read from the grant."""

    NONE_FOUND = "license_missing"
    NO_VERSION = "license_no_version"
    NON_COMMERCIAL = "license_non_commercial"
    NO_DERIVATIVES = "license_no_derivatives"
    WIKIPEDIA_ONLY = "license_wikipedia_only"
    NOT_FREE = "license_not_free"  # any other restriction the vocabulary knows
    PUBLIC_DOMAIN_ONLY = "license_public_domain_only"  # "public domain" without a versioned CC0 grant


@dataclass(frozen=True)
class LicenseFinding:
    """The license the text grants: an SPDX id when free and versioned, else the problem."""

    spdx: str | None
    problem: LicenseProblem | None
    mentions: tuple[str, ...] = ()  # the license phrases as written, for the agent


@dataclass(frozen=True)
class Credit:
    """A statement that someone made the work: 'photo by X', '(c) X', 'a friend took it'."""

    phrase: str  # as written
    name: str | None  # the person credited, when a name is given
    by_signer: bool  # the credit names the signer / holder (or 'me', 'myself')
    # its words also say what is shown ("fotos de X": photos by X or of X); a name in a file title is shown
    may_describe: bool = False
    # only a trade said of a relation ("my father was a photographer"), no photo in its clause: a claim to
    # have taken the photos oneself outweighs it
    trade_only: bool = False


@dataclass(frozen=True)
class Statement:
    """Who speaks in the release, for whom, where they live on the web, and what they say of authorship."""

    signer: str | None  # the person who signs ("I, Jane Roe, ..." / signature / From display name)
    represents: str | None  # the organisation they act for ("I represent X", "Director of X")
    holder_names: tuple[str, ...]  # every name the holder goes by here: signer, organisation, brand line
    websites: tuple[str, ...]  # URLs the message names as the holder's own, best candidate first
    credits: tuple[Credit, ...]  # authorship statements and credits found
    self_made: bool  # says the signer made it themselves (selfie, self-timer, "I took it myself")
    depicts_signer: bool  # says the work shows the signer ("a portrait of me")
    forwarded: bool  # the release sits in forwarded text, not in the sender's own words
    for_client: bool = (
        False  # the writer acts for a client (an agency, a firm): its own site is not the holder's
    )


@dataclass(frozen=True)
class SitePage:
    """One fetched page of the holder's site."""

    url: str  # the final URL after redirects
    status: int
    title: str = ""


@dataclass(frozen=True)
class SiteEvidence:
    """What the holder's website shows: the pages read, the addresses listed, and its visible text."""

    start_url: str
    domain: str  # registrable domain of start_url
    reachable: bool  # some page of the site answered with content
    pages: tuple[SitePage, ...] = ()
    addresses: tuple[str, ...] = ()  # lower-cased, de-obfuscated, from every page read
    home_text: str = ""  # the home page's visible text (title included), for naming the holder
    errors: tuple[str, ...] = ()  # generic error codes: timeout, too_large, blocked_address, http_404, ...


@dataclass(frozen=True)
class WhoisInfo:
    """WHOIS corroboration; `known` False when the lookup failed, timed out or said nothing."""

    domain: str
    known: bool
    registrant: str | None = None
    created: str | None = None  # ISO date
    error: str | None = None


@dataclass(frozen=True)
class Lookalike:
    """The sender's domain imitates an official one; `how` is a stable code."""

    sender_domain: str
    official_domain: str
    how: str  # "confusable", "edit_distance", "other_suffix", "punycode", "embedded"
    detail: str = ""


@dataclass(frozen=True)
class Reason:
    """One reason that applied, with the verdict it points to. Codes are stable: tools match on them."""

    code: str
    message: str
    verdict: Verdict


class Provisional(enum.StrEnum):
    """Why a suggestion may change when asked again: evidence it needed could not be gathered."""

    SITE_UNREACHABLE = "site_unreachable"  # a holder's website it needed did not answer (offline, errors)


@dataclass(frozen=True)
class Suggestion:
    """The verifier's answer for one ticket: the verdict, every reason that applied, and whether the
    verdict is provisional (it could turn out otherwise once the missing evidence is in)."""

    verdict: Verdict
    reasons: tuple[Reason, ...]
    provisional: Provisional | None = None
    evidence: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
