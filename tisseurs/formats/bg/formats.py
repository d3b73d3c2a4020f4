"""Belgian formats (tisseurs/formats/__init__.py)."""

from tisseurs.formats.belgium import *  # noqa: F403
