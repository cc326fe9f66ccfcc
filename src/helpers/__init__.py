"""Helper package of the CRM analytics course kit.

One module per concept (``rfm``, ``pyramid``, ``clv`` …); ``data`` loads the kit's
datasets; ``checks`` runs the exercises' self-checks; ``simulate`` holds the seeded
generators of the simulated case data.
"""

__version__ = "0.1.0"

from helpers.setup import setup_notebook  # noqa: E402

__all__ = ["__version__", "setup_notebook"]
