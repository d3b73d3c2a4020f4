"""gunicorn settings for Tisseurs (`make serve`, deploy/tisseurs.service):

    gunicorn -c deploy/gunicorn.conf.py tisseurs.wsgi

Sync workers, two per core plus one unless WEB_CONCURRENCY says otherwise; each
worker is replaced after about 500 requests (WeasyPrint grows in memory); a request
may take 60 s (a yearly PDF at volume). Listens on BIND (default 127.0.0.1:8000): put
the reverse proxy of deploy/nginx-tisseurs.conf in front.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"
max_requests = 500
max_requests_jitter = 50
timeout = 60
graceful_timeout = 30
# Requests go through the proxy on the same machine: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No control socket in the home folder: the service user may have none.
control_socket_disable = True
