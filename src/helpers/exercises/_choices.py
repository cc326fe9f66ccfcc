"""One registration for a multiple-choice concept question: its check and its whole catalogue.

Used by the chapter modules ch05–ch09: every wrong letter is a catalogued mistake with the tag
of its option, the correct letter is the answer, and one other spelling is a correct form.
"""

from __future__ import annotations

from collections.abc import Mapping

from helpers.checks import Exercises, expect_choice


def choice_exercise(exercises: Exercises, key: str, name: str, correct: str,
                    options: Mapping[str, tuple[str, str]], *, form: str, message: str):
    """Register ``key``: ``options`` maps each letter to ``(hint, tag)`` (the correct one to ``("", "")``)."""

    @exercises.add(key, name)
    def check(value):
        expect_choice(value, correct, name=name, options=options)
        return message

    exercises.answer(key)(lambda: {name: correct})
    exercises.form(key, f"written as {form!r}")(lambda: {name: form})
    for letter, (_, tag) in options.items():
        if letter != correct:
            exercises.mistake(key, tag, f"chooses {letter}")(lambda letter=letter: {name: letter})
    return check
