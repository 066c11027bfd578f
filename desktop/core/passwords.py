"""Password rules, shown to the user as a checklist and enforced in the services."""

from __future__ import annotations

from desktop.core.errors import ValidationError

MIN_LENGTH = 10


def broken_rules(password: str, username: str = "") -> list[str]:
    """Message keys of the rules this password breaks (empty list: acceptable)."""
    broken = []
    if len(password) < MIN_LENGTH:
        broken.append("password.rule_length")
    if username and username.strip().lower() in password.lower():
        broken.append("password.rule_not_username")
    if password and len(set(password)) < 4:
        broken.append("password.rule_variety")
    return broken


def all_rules() -> list[str]:
    return ["password.rule_length", "password.rule_not_username", "password.rule_variety"]


# What is wrong, said as such: a rule of the checklist ("Does not contain the user name")
# shown in red would read as the opposite of the problem.
PROBLEMS = {"password.rule_length": "password.too_short",
            "password.rule_not_username": "password.contains_username",
            "password.rule_variety": "password.too_few_characters"}


def check_password(password: str, username: str = "") -> None:
    broken = broken_rules(password, username)
    if broken:
        raise ValidationError(PROBLEMS[broken[0]], field="password", n=MIN_LENGTH)


def normalise_username(username: str) -> str:
    return username.strip().lower()


def check_username(username: str) -> str:
    name = normalise_username(username)
    if not (2 <= len(name) <= 40) or not all(ch.isalnum() or ch in "._-" for ch in name):
        raise ValidationError("user.invalid_username", field="username")
    return name
