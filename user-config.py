# pywikibot settings for permbot. NO SECRETS HERE: the wiki, the account and the password file come from
# the environment, so the same file serves Wikimedia Commons (the default) and a local sandbox wiki.
#
#   PERMBOT_WIKI_API       api.php URL of the wiki; unset -> Wikimedia Commons
#   PERMBOT_WIKI_USER      the bot's main account name (e.g. PermBot)
#   PERMBOT_PASSWORD_FILE  a pywikibot password file holding a BotPassword line:
#                          ('PermBot', BotPassword('permbot', '<the 32-character password>'))
#   PYWIKIBOT_DIR          the folder holding this file; cookies, api cache and throttle files go there
#
# Throttle and maxlag are set by permbot itself from the active profile (config/wiki.toml,
# PERMBOT_PROFILE=commons|sandbox) before it opens the site; the values below are the polite defaults
# for anything else that loads this file (e.g. a plain `pwb` shell).
# ruff: noqa
import os as _os

_api = _os.environ.get('PERMBOT_WIKI_API', '').strip()
if _api:
    family_files['permbot'] = _api  # an api.php URL: pywikibot builds the family from the wiki's siteinfo
    family = 'permbot'
    mylang = 'permbot'
else:
    family = 'commons'
    mylang = 'commons'

_user = _os.environ.get('PERMBOT_WIKI_USER', '').strip()
if _user:
    usernames[family][mylang] = _user

_password_file = _os.environ.get('PERMBOT_PASSWORD_FILE', '').strip()
if _password_file:
    password_file = _os.path.abspath(_password_file)

user_agent_description = 'permbot (Commons VRT permissions bot)'
put_throttle = 6
write_maxlag = 5
cosmetic_changes = False
del _os, _api, _user, _password_file
