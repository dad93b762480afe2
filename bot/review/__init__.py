"""The review page: agents see the bot's suggestions with their evidence and act on them (Flask).

`create_app` builds the app from settings and parts (store, file info, decision runner); `from_config`
builds it from config/ and the environment (gunicorn: `gunicorn 'bot.review.app:from_config()'`).
"""
