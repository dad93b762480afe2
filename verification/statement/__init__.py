"""Who speaks in a release, for whom, where the holder lives on the web, and what it says of authorship.

The release is read from the sender's own words and from forwarded text, never from quoted replies (an
agent's quoted question that lists licenses or names is not the holder speaking). Names are read in
three ways, most explicit first: a template around a slot ("I, {name},", "on behalf of {org}"), the
signature block at the end of the statement, and the From display name. Captions ("Kuva: X") are read
in any language from a label and a colon. Organisation names end with their legal forms ("Co., Ltd.",
"ry"), which are left out when names are compared; in Han, kana and Hangul, which have no capitals, an
organisation is found by its legal form or organisation word ("株式会社星空写真を代表して"). Every
template and word list lives in config/statement.toml, grouped by language.

One module per job: words (tokens), vocabulary (the config), names (templates, name runs, name
comparison), caseless (organisations in Han, kana and Hangul), signature (the signature block), websites,
credits (authorship, self-made, depiction) and reader (the release and what it says).
"""

from verification.statement.names import same_name_word
from verification.statement.reader import read_statement, release_text
from verification.statement.vocabulary import LegalForms, StatementVocabulary, TemplateSet, WordSet

__all__ = [
    "LegalForms",
    "StatementVocabulary",
    "TemplateSet",
    "WordSet",
    "read_statement",
    "release_text",
    "same_name_word",
]
