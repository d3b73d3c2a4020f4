"""`manage.py bench`: the HTTP benchmark of the app's pages (README, "Speed").

`pages.PAGES` says which pages are measured and as whom; `prepare` seeds the bench
database and signs the users in; `run` starts gunicorn for the app and for the bare
view of `bare`, drives each page with wrk and prints the table.
"""
