import sys
from bot.config.verifier import load_verifier_settings
from verification.reading import read_ticket
from verification.statement import release_text
v = load_verifier_settings().reading
for d in sys.argv[1:]:
    r = read_ticket(open(d+'/message.eml','rb').read(), v)
    print(d.split('/')[-1], r.files, r.license)
    print(r.message.subject); print(release_text(r.message)[:900])
