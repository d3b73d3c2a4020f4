"""Hand-written test factories: plain `make_<thing>(**overrides)` functions with
sensible defaults (djangoproject.com style). One module per app:
`from tests.factories.relais import make_relais`."""
