import sys, tomllib
from pathlib import Path
from verification.licenses import LicenseVocabulary, read_license, tokenize
import verification.licenses as L
vocab = LicenseVocabulary.from_mapping(tomllib.loads(Path("config/licenses.toml").read_text()))
text = sys.stdin.read()
tokens = tokenize(text)
hits = L._license_hits(tokens, vocab)
r = L._restriction_hits(tokens, vocab, covered=L._covered(hits), text=text)
s = L._sentence_numbers(tokens)
for h in sorted([*hits, *r], key=lambda h: h.start):
    print(h.problem, h.spdx, s[h.start], " ".join(t.raw for t in tokens[h.start:h.end]))
print(read_license(text, vocab))
