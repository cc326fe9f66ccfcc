"""Helper package of the CRM analytics course kit.

One module per concept (``rfm``, ``pyramid``, ``clv`` …); ``data`` loads the kit's
datasets; ``checks`` runs the exercises' self-checks; ``simulate`` holds the seeded
generators of the simulated case data.  Every bad input raises :class:`InputError` (a
``ValueError`` and a ``TypeError``) whose message names the argument or column, what is
wrong and the fix.
"""

__version__ = "0.1.0"

from helpers._validate import InputError  # noqa: E402
from helpers.setup import setup_notebook  # noqa: E402

__all__ = ["__version__", "InputError", "setup_notebook"]
