"""The verdict of one bad-input probe, for the "never bare" families of churn, segment, survey, experiment.

A probe is a call on a bad input.  It passes when the helper either returns the right result
(``check`` says so) or raises the kit's error type :class:`helpers.InputError` with a message
naming the offending argument or column.  Anything else — another exception (a bare traceback
from pandas, numpy or scikit-learn) or a result that nobody checked — fails.
"""

import contextlib
import io

from helpers import InputError


def verdict(call, names=(), check=None) -> str:
    """'named error', 'correct result', or a description of what went wrong."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            result = call()
    except InputError as error:
        named = [n for n in names if n in str(error)]
        return "named error" if named or not names else f"kit error not naming {list(names)}: {error}"
    except Exception as error:  # noqa: BLE001 - the point is to catch what leaks
        return f"bare {type(error).__name__}: {error}"
    if check is None:
        return f"returned {type(result).__name__} without an error"
    return "correct result" if check(result) else f"wrong result: {result!r}"[:300]
